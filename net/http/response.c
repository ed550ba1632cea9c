/** @file HTTP response heads: the status line and the headers the client acts on (pure: no network). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <lwpxe/errors.h>
#include "http_int.h"

void http_parser_init(struct http_parser *p, struct http_response *resp)
{
	memset(p, 0, sizeof(*p));
	memset(resp, 0, sizeof(*resp));
	p->resp = resp;
}

/** Fail with -EBADMSG, noting @p why */
static int http_bad(struct http_parser *p, const char *why)
{
	p->why = why;
	return -EBADMSG;
}

/** Read decimal digits @p text (nothing else) into @p value; 0 or -1 (empty, junk, overflow) */
static int http_decimal(const char *text, uint64_t *value)
{
	uint64_t v = 0;

	if (!*text)
		return -1;
	for (; *text; text++) {
		if (!isdigit((unsigned char)*text) || v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*text - '0');
	}
	*value = v;
	return 0;
}

/** Parse "HTTP/1.x NNN reason" */
static int http_status_line(struct http_parser *p, const char *line)
{
	struct http_response *r = p->resp;
	const char *reason;

	if (strncmp(line, "HTTP/1.", 7) || !isdigit((unsigned char)line[7]) ||
	    line[8] != ' ' || !isdigit((unsigned char)line[9]) ||
	    !isdigit((unsigned char)line[10]) ||
	    !isdigit((unsigned char)line[11]) ||
	    (line[12] != ' ' && line[12] != '\0') || line[9] == '0')
		return http_bad(p, "malformed status line");
	r->minor = (unsigned int)(line[7] - '0');
	r->status = (unsigned int)strtoul(line + 9, NULL, 10);
	r->keep_alive = r->minor >= 1;
	reason = line[12] ? line + 13 : "";
	strncpy(r->reason, reason, sizeof(r->reason) - 1);
	for (char *c = r->reason; *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	}
	return 0;
}

int http_has_token(const char *value, const char *token)
{
	size_t n = strlen(token);

	while (*value) {
		size_t len;

		value += strspn(value, " \t,");
		len = strcspn(value, " \t,");
		if (len == n && strncasecmp(value, token, n) == 0)
			return 1;
		value += len;
	}
	return 0;
}

/** Take a Content-Length; duplicates must agree */
static int http_length(struct http_parser *p, const char *value)
{
	struct http_response *r = p->resp;
	uint64_t len;

	if (http_decimal(value, &len) < 0)
		return http_bad(p, "malformed Content-Length");
	if (r->has_length && r->length != len)
		return http_bad(p, "conflicting Content-Length headers");
	r->has_length = 1;
	r->length = len;
	return 0;
}

/** Take a Transfer-Encoding: only chunked (and identity) are understood */
static int http_coding(struct http_parser *p, const char *value)
{
	if (strcasecmp(value, "chunked") == 0) {
		p->resp->chunked = 1;
		return 0;
	}
	if (strcasecmp(value, "identity") == 0)
		return 0;
	p->why = "unsupported Transfer-Encoding";
	return -ENOTSUP;
}

/** Keep a WWW-Authenticate challenge, Digest before Basic */
static void http_challenge(struct http_response *r, const char *value)
{
	int digest = strncasecmp(value, "Digest", 6) == 0;

	if (strlen(value) >= sizeof(r->challenge))
		return;
	if (!digest && strncasecmp(value, "Basic", 5) != 0)
		return;
	if (r->challenge[0] && !digest)
		return;
	strcpy(r->challenge, value);
}

int http_content_range(const char *value, uint64_t *first, uint64_t *last,
		       uint64_t *total)
{
	char buf[64];
	char *dash, *slash;

	if (strncasecmp(value, "bytes ", 6) || strlen(value + 6) >= sizeof(buf))
		return -EBADMSG;
	strcpy(buf, value + 6);
	dash = strchr(buf, '-');
	slash = strchr(buf, '/');
	if (!dash || !slash || slash < dash)
		return -EBADMSG;
	*dash = *slash = '\0';
	*total = 0;
	if (http_decimal(buf, first) < 0 || http_decimal(dash + 1, last) < 0 ||
	    *last < *first ||
	    (strcmp(slash + 1, "*") && (http_decimal(slash + 1, total) < 0 ||
					*last >= *total)))
		return -EBADMSG;
	return 0;
}

/** Act on one header @p name with @p value */
static int http_header(struct http_parser *p, const char *name,
		       const char *value)
{
	struct http_response *r = p->resp;

	if (strcasecmp(name, "Content-Length") == 0)
		return http_length(p, value);
	if (strcasecmp(name, "Transfer-Encoding") == 0)
		return http_coding(p, value);
	if (strcasecmp(name, "Connection") == 0) {
		if (http_has_token(value, "close"))
			r->keep_alive = 0;
		else if (http_has_token(value, "keep-alive"))
			r->keep_alive = 1;
	} else if (strcasecmp(name, "Location") == 0) {
		if (strlen(value) < sizeof(r->location))
			strcpy(r->location, value);
	} else if (strcasecmp(name, "WWW-Authenticate") == 0) {
		http_challenge(r, value);
	} else if (strcasecmp(name, "Content-Range") == 0) {
		if (http_content_range(value, &r->range_first, &r->range_last,
				       &r->range_total) < 0)
			return http_bad(p, "malformed Content-Range");
		r->has_range = 1;
	} else if (strcasecmp(name, "Accept-Ranges") == 0) {
		r->accept_ranges = http_has_token(value, "bytes");
	}
	return 0;
}

/** Split header line @p line into name and value (spaces trimmed) and act on it */
static int http_header_line(struct http_parser *p, char *line)
{
	char *colon = strchr(line, ':');
	char *value, *end;

	if (!colon || colon == line)
		return http_bad(p, "malformed header line");
	for (char *c = line; c < colon; c++) {
		if (!isprint((unsigned char)*c) || *c == ' ')
			return http_bad(p, "malformed header line");
	}
	*colon = '\0';
	value = colon + 1 + strspn(colon + 1, " \t");
	end = value + strlen(value);
	while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return http_header(p, line, value);
}

/** Act on the finished line in p->line; 1 at the empty line ending the head */
static int http_line(struct http_parser *p)
{
	char *line = p->line;

	p->line[p->len] = '\0';
	if (p->len && line[p->len - 1] == '\r')
		line[p->len - 1] = '\0';
	p->len = 0;
	if (strlen(line) != strcspn(line, "\r"))
		return http_bad(p, "control character in the header");
	if (p->lines++ == 0)
		return http_status_line(p, line);
	if (!*line)
		return 1;
	if (p->lines > HTTP_HEADERS_MAX + 1)
		return http_bad(p, "too many header lines");
	if (*line == ' ' || *line == '\t')
		return http_bad(p, "folded header line");
	return http_header_line(p, line);
}

int http_parse(struct http_parser *p, const char *data, size_t len,
	       size_t *used)
{
	for (size_t i = 0; i < len; i++) {
		int rc;

		if (data[i] != '\n') {
			if (data[i] == '\0')
				return http_bad(p, "NUL byte in the header");
			if (p->len + 1 >= sizeof(p->line))
				return http_bad(p, p->lines ? "header line too long" :
						"status line too long");
			p->line[p->len++] = data[i];
			continue;
		}
		rc = http_line(p);
		if (rc) {
			*used = i + 1;
			return rc;
		}
	}
	*used = len;
	return 0;
}
