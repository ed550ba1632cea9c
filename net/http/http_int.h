/** @file HTTP client internals shared by net/http/: the response parser, the chunked decoder, connections, exchanges, authentication. */
#ifndef LWPXE_HTTP_INT_H
#define LWPXE_HTTP_INT_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/http.h>
#include <lwpxe/tls.h>
#include <lwpxe/uri.h>

/** Longest status or header line accepted, with its CRLF */
#define HTTP_LINE_MAX 2048
/** Most header lines accepted in one response */
#define HTTP_HEADERS_MAX 100
/** Room for the WWW-Authenticate challenge kept from a 401 */
#define HTTP_CHALLENGE_MAX 512
/** Silence from a server we wait for that ends the transfer, in ms */
#define HTTP_IDLE_MS 10000
/** Room for a request target (path and query) */
#define HTTP_TARGET_MAX (2 * URI_MAX)
/** Redirects followed for one download */
#define HTTP_REDIRECTS_MAX 5

/** What the status line and headers of a response say */
struct http_response {
	unsigned int status;        /**< status code (200, 404) */
	unsigned int minor;         /**< minor version: 1 for HTTP/1.1, 0 for 1.0 */
	char reason[64];            /**< reason phrase, cut to fit */
	int has_length;             /**< a Content-Length was given */
	uint64_t length;            /**< its value */
	int chunked;                /**< Transfer-Encoding: chunked */
	int keep_alive;             /**< the connection may carry another request */
	char location[URI_MAX];     /**< Location, "" if none (or too long) */
	char challenge[HTTP_CHALLENGE_MAX]; /**< the WWW-Authenticate challenge preferred (Digest over Basic) */
	int has_range;              /**< a Content-Range was given */
	uint64_t range_first;       /**< its first byte */
	uint64_t range_last;        /**< its last byte */
	uint64_t range_total;       /**< its total size, 0 if "*" */
	int accept_ranges;          /**< Accept-Ranges: bytes (a cut download may be finished with Range) */
};

/** The status line and header parser of one response */
struct http_parser {
	struct http_response *resp; /**< where the results go */
	char line[HTTP_LINE_MAX];   /**< the line being collected */
	size_t len;                 /**< bytes in @c line */
	unsigned int lines;         /**< lines finished so far */
	const char *why;            /**< after a failure: what was wrong */
};

/** Start parsing a response into @p resp (cleared) */
void http_parser_init(struct http_parser *p, struct http_response *resp);

/**
 * Feed @p len bytes of a response to @p p, stopping after the empty
 * line that ends the headers
 *
 * @v used      receives the bytes taken (the rest is body)
 * @ret rc      1 when the headers are complete, 0 if more are needed,
 *              -EBADMSG (p->why says why) or -ENOTSUP
 */
int http_parse(struct http_parser *p, const char *data, size_t len,
	       size_t *used);

/** Nonzero if the comma list @p value holds @p token (any case) */
int http_has_token(const char *value, const char *token);

/**
 * Read a Content-Range value "bytes FIRST-LAST/TOTAL" (TOTAL may be "*")
 *
 * @ret rc      0 or -EBADMSG
 */
int http_content_range(const char *value, uint64_t *first, uint64_t *last,
		       uint64_t *total);

/** Where body bytes go: 0 or -error (which ends the transfer) */
typedef int (*http_body_fn)(void *ctx, const void *data, size_t len);

/** The chunked transfer coding decoder (RFC 9112 section 7.1) */
struct http_chunked {
	unsigned int state;         /**< where in the coding it is */
	uint64_t left;              /**< bytes left in the current chunk, or its size so far */
	unsigned int digits;        /**< hex digits of the size line read */
	size_t skipped;             /**< bytes of extensions and trailers skipped */
	const char *why;            /**< after a failure: what was wrong */
};

/** Start decoding a chunked body */
void http_chunked_init(struct http_chunked *c);

/**
 * Decode @p len bytes of a chunked body, handing the data to @p fn
 *
 * @ret n       bytes taken (fewer than @p len only once the body ended),
 *              -EBADMSG (c->why says why), or @p fn's -error
 */
int http_chunked_feed(struct http_chunked *c, const char *data, size_t len,
		      http_body_fn fn, void *ctx);

/** Nonzero once the last chunk and the trailers were read */
int http_chunked_done(const struct http_chunked *c);

struct altcp_pcb;

/** One connection to a server, kept for reuse while it stays open */
struct http_conn {
	struct http_conn *next;     /**< next idle connection in the pool */
	struct altcp_pcb *pcb;      /**< lwIP connection, NULL once gone */
	char scheme[16];            /**< scheme it was opened for */
	char host[256];             /**< server as named in the URI */
	unsigned int port;          /**< server port */
	int connected;              /**< the handshake finished */
	int closed;                 /**< the server closed or the connection failed */
	int rc;                     /**< why it failed (0 if it only closed) */
	uint64_t last_ms;           /**< when data last arrived (or the connect began) */
	http_body_fn rx_fn;         /**< who takes received bytes, NULL while idle */
	void *rx_ctx;               /**< its context */
	char tls_why[TLS_WHY_MAX];  /**< https: the TLS layer's cause in words, "" if none */
};

/** The server port of @p u: its own or the scheme's default */
unsigned int http_port(const struct uri *u);

/**
 * A connection to @p u's server: an idle one from the pool, else a new
 * one (the name resolved, the handshake waited for)
 *
 * @v reused    receives nonzero if it came from the pool
 * @ret rc      0, -ECANCELED, or -error with @p why set
 */
int http_conn_open(const struct uri *u, struct http_conn **conn,
		   int *reused, char *why, size_t why_len);

/** Open a new connection to @p u's server, never one from the pool; as http_conn_open() */
int http_conn_open_new(const struct uri *u, struct http_conn **conn,
		       char *why, size_t why_len);

/** Queue and send @p len bytes on @p c, waiting for room; 0 or -error */
int http_conn_send(struct http_conn *c, const void *data, size_t len);

/**
 * Step the poll loop once for @p c
 *
 * @ret rc      0, -ECANCELED on Ctrl-C, -ETIMEDOUT after the idle
 *              timeout without data
 */
int http_conn_step(struct http_conn *c);

/** Done with @p c: into the pool if @p keep and still open, else closed */
void http_conn_release(struct http_conn *c, int keep);

/** A request to send */
struct http_request {
	const char *method;         /**< "GET", "HEAD", "POST" */
	const char *headers;        /**< extra header lines, each ending in CRLF, or NULL */
	const char *body;           /**< request body (a POSTed form), NULL if none */
	size_t body_len;            /**< its length */
	http_body_fn body_fn;       /**< where the body of a 2xx response goes */
	void *body_ctx;             /**< its context */
	size_t *expected;           /**< receives a 2xx body's Content-Length before the body, NULL if unwanted */
	uint64_t received;          /**< body bytes handed to @c body_fn */
};

/** Room for the request line and headers */
#define HTTP_REQUEST_MAX 4096
/** How the response body ends */
enum {
	HTTP_BODY_NONE,     /**< no body (HEAD, 204, 304) */
	HTTP_BODY_LENGTH,   /**< after Content-Length bytes */
	HTTP_BODY_CHUNKED,  /**< at the last chunk */
	HTTP_BODY_CLOSE,    /**< when the server closes (HTTP/1.0 style) */
};

/** One response being read */
struct http_xfer {
	struct http_request *req;   /**< the request */
	struct http_response *resp; /**< its head, parsed */
	struct http_parser parser;  /**< the head parser */
	struct http_chunked chunked; /**< the chunked decoder */
	int in_body;                /**< the head was read */
	int done;                   /**< the response ended */
	int framing;                /**< HTTP_BODY_ */
	uint64_t left;              /**< body bytes left (HTTP_BODY_LENGTH) */
	uint64_t rx;                /**< bytes received in all */
	uint64_t body;              /**< body bytes received */
	uint64_t resume_at;         /**< asked for the rest from this byte (0: the whole body) */
	const char *why;            /**< words for a failure in the data */
};

struct http_conn;

/**
 * Send @p text (the request line and headers, @p n bytes) and x->req's
 * body on @p c and read the response into @p x (its req, resp and
 * resume_at set, the rest zero)
 *
 * @ret rc      0, or -error with @p why set
 */
int http_xfer_run(struct http_xfer *x, struct http_conn *c, const char *text,
		  size_t n, char *why, size_t why_len);

/**
 * Nonzero if @p x, which failed with @p rc, was a GET cut mid-body (a
 * stall or a lost connection) from a server that takes Range requests
 * (Accept-Ranges: bytes), so a Range request may finish it
 */
int http_xfer_resumable(const struct http_xfer *x, int rc);

/** A way to finish a download cut mid-body (net/http/range: Range requests) */
struct http_resumer {
	/**
	 * Finish cut transfer @p x of @p u, whose request @p text (@p n
	 * bytes, in a buffer of HTTP_REQUEST_MAX) failed with @p rc
	 *
	 * @ret rc      0 (x->resp then says 200 and the whole length), or
	 *              -error with @p why set
	 */
	int (*resume)(struct http_xfer *x, const struct uri *u, char *text,
		      size_t n, int rc, char *why, size_t why_len);
};

/* HTTP_RESUMER() registers one: include/lwpxe/http.h */

/** The request target of @p u (path, then '?' and the query) into @p buf; 0 or -ENAMETOOLONG */
int http_target(const struct uri *u, char *buf, size_t len);

/**
 * Send @p req for @p u and read the response head into @p resp and a
 * 2xx body into req->body_fn, on a kept connection when there is one
 *
 * @ret rc      0 (whatever the status), -ECANCELED, or -error with
 *              @p why set
 */
int http_exchange(struct http_request *req, const struct uri *u,
		  struct http_response *resp, char *why, size_t why_len);

/**
 * Send @p req for @p uri, following redirects and answering a 401 with
 * credentials; the final response in @p resp
 *
 * @ret rc      0 (whatever the final status), -ECANCELED, or -error
 *              with @p why set
 */
int http_request_uri(struct http_request *req, const char *uri,
		     struct http_response *resp, char *why, size_t why_len);

/** 0 if @p resp has a 2xx status, else -error with "404 Not Found" in @p why */
int http_status_check(const struct http_response *resp, char *why,
		      size_t why_len);

/**
 * The "Authorization: ...\r\n" line answering @p challenge for a
 * @p method of @p u, with the credentials of @p u's userinfo or the
 * username/password settings
 *
 * @ret rc      0, -EACCES if there are no credentials, -ENOTSUP for a
 *              challenge not understood, or -ENAMETOOLONG
 */
int http_auth_line(const struct uri *u, const char *method,
		   const char *challenge, char *buf, size_t len);

/**
 * Check the head @p resp answers a Range request for @p len bytes at
 * @p offset: 206, a Content-Range (and Content-Length) for exactly them
 *
 * @ret rc      0, or -ENOTSUP (200: ranges ignored), -ERANGE (416),
 *              -EPROTO, -EIO with @p why set
 */
int http_range_check(const struct http_response *resp, uint64_t offset,
		     size_t len, char *why, size_t why_len);

/** Bytes per block of an HTTP disk whose URI path is @p path: 2048 if it ends in ".iso" (any case: CD media), else 512 */
uint32_t http_disk_block_size(const char *path);

/** Blocks of @p block_size bytes that hold a file of @p size bytes (a last partial block counts) */
uint64_t http_disk_blocks(uint64_t size, uint32_t block_size);

/** How many of @p len bytes at @p offset lie inside a file of @p size bytes (the rest reads as zeros) */
size_t http_disk_span(uint64_t size, uint64_t offset, size_t len);

struct http_params;

/** The parameter list called @p name (NULL or "" for the unnamed one); NULL if none */
struct http_params *http_params_find(const char *name);

/** Start an empty list called @p name, replacing one of that name; 0 or -ENOMEM */
int http_params_create(const char *name);

/** Remove @p list and free it */
void http_params_delete(struct http_params *list);

/**
 * Add @p key = @p value to @p list, as a request header if @p header
 *
 * @ret rc      0, -EINVAL for a line break (or a header name with ':'
 *              or a space), or -ENOMEM
 */
int http_params_add(struct http_params *list, const char *key,
		    const char *value, int header);

/**
 * Write @p list as a form ("k=v&k2=v2", percent-encoded) into @p form
 * and its header parameters as "Key: value\r\n" lines into @p headers
 *
 * @ret len     length of the form, or -E2BIG if either does not fit
 */
int http_params_form(const struct http_params *list, char *form,
		     size_t form_len, char *headers, size_t headers_len);

/** What a Digest response (RFC 7616) is computed from */
struct http_digest {
	int sha256;                 /**< SHA-256, else MD5 */
	int sess;                   /**< the -sess variant */
	const char *user;           /**< user name */
	const char *password;       /**< password */
	const char *realm;          /**< realm of the challenge */
	const char *nonce;          /**< nonce of the challenge */
	const char *cnonce;         /**< our nonce */
	const char *nc;             /**< nonce count, 8 hex digits */
	const char *qop;            /**< "auth", or "" for RFC 2069 style */
	const char *method;         /**< request method */
	const char *uri;            /**< request target */
};

/** The Digest "response" of @p d as lower-case hex into @p hex (65 bytes) */
void http_digest_response(const struct http_digest *d, char *hex);

#endif
