/** @file DHCP options: validate, build our client options, convert to settings. */
#ifndef LWPXE_DHCPOPTS_H
#define LWPXE_DHCPOPTS_H

#include <stddef.h>
#include <stdint.h>

struct settings;

#define DHCPOPT_PAD 0                 /**< padding, no length byte */
#define DHCPOPT_HOSTNAME 12           /**< host name */
#define DHCPOPT_ROOT_PATH 17          /**< root path (SAN URI) */
#define DHCPOPT_VENDOR_ENCAP 43       /**< vendor-specific, encapsulated */
#define DHCPOPT_VENDOR_CLASS 60       /**< vendor class identifier */
#define DHCPOPT_BOOTFILE 67           /**< boot file name */
#define DHCPOPT_USER_CLASS 77         /**< user class */
#define DHCPOPT_CLIENT_ARCH 93        /**< client system architecture */
#define DHCPOPT_CLIENT_NDI 94         /**< client network device interface */
#define DHCPOPT_CLIENT_UUID 97        /**< client machine identifier */
#define DHCPOPT_IPXE_ENCAP 175        /**< iPXE encapsulated options */
#define DHCPOPT_END 255               /**< end of options, no length byte */

/** Longest buffer dhcpopt_build_client() fills */
#define DHCPOPT_CLIENT_MAX 80

/**
 * Called for each option by dhcpopt_walk()
 *
 * @v tag       option tag
 * @v data      option value
 * @v len       length of the value
 * @v ctx       caller's context
 * @ret rc      0 to continue, or -error to stop the walk
 */
typedef int (*dhcpopt_fn)(unsigned int tag, const uint8_t *data, size_t len,
			  void *ctx);

/**
 * Walk the options in @p buf, checking every length before use.  PAD is
 * skipped, END (or the end of the buffer) finishes the walk.
 *
 * @v buf       options
 * @v len       length of @p buf
 * @v fn        called for each option (NULL: validate only)
 * @v ctx       passed to @p fn
 * @ret rc      0, -EBADMSG if an option is truncated or runs past the
 *              end, or what @p fn returned
 */
int dhcpopt_walk(const void *buf, size_t len, dhcpopt_fn fn, void *ctx);

/**
 * Length of the options in @p buf up to and including END (what a buffer
 * holds after END is not options)
 *
 * @ret len     that length, or -EBADMSG if an option is malformed or no
 *              END comes before the end of @p buf
 */
int dhcpopt_end(const void *buf, size_t len);

/** Nonzero if @p tag holds encapsulated sub-options (43, 175) */
int dhcpopt_is_encapsulated(unsigned int tag);

/**
 * Check one received option: encapsulated ones must hold well-formed
 * sub-options.  0 or -EBADMSG.
 */
int dhcpopt_check(unsigned int tag, const void *data, size_t len);

/**
 * Build the options every request of ours carries: vendor class
 * "PXEClient:Arch:NNNNN:UNDI:003016" (60), user class "iPXE" (77),
 * architecture (93), network interface UNDI 3.10 (94) and, if @p uuid is
 * not NULL, the machine identifier (97).
 *
 * @v buf       output buffer
 * @v size      size of @p buf
 * @v arch      client architecture (platform_client_arch)
 * @v uuid      16-byte machine UUID, or NULL
 * @ret len     bytes written, or -ENOSPC
 */
int dhcpopt_build_client(void *buf, size_t size, unsigned int arch,
			 const uint8_t *uuid);

/**
 * Store one received option into @p block: a well-known tag under its
 * setting's name and type, 43 and 175 as their sub-options ("175.190" or
 * the well-known name), anything else under its number as hex.
 *
 * @ret rc      0, -EBADMSG for malformed encapsulation, or -error
 */
int dhcpopt_store(struct settings *block, unsigned int tag, const void *data,
		  size_t len);

/**
 * Store the DNS servers of a lease (option 6) as "dns" in @p block:
 * the nonzero ones of the @p count 4-byte addresses at @p addrs, packed
 *
 * @ret rc      0 (also when there are none) or -error
 */
int dhcpopt_store_dns(struct settings *block, const uint8_t *addrs,
		      size_t count);

/** Store every option of the options buffer @p buf into @p block; 0 or -error */
int dhcpopt_store_all(struct settings *block, const void *buf, size_t len);

#endif
