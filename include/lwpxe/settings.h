/** @file Settings: the single store of named, typed values (DHCP, `set`, defaults). */
#ifndef LWPXE_SETTINGS_H
#define LWPXE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>

/**
 * A value type: how raw bytes are parsed from and formatted to text.
 * Raw forms follow DHCP: ipv4 is 4 bytes, uintN is big-endian, string has
 * no NUL, hex is the bytes themselves.
 */
struct setting_type {
	const char *name;   /**< name used in ${name:type} ("ipv4", "hexhyp") */
	/** Parse @p text into @p raw (at most @p len bytes); raw length or -error */
	int (*parse)(const char *text, void *raw, size_t len);
	/** Format @p raw_len bytes as text into @p buf of @p len; text length or -error */
	int (*format)(const void *raw, size_t raw_len, char *buf, size_t len);
};

extern const struct setting_type setting_type_string;  /**< text */
extern const struct setting_type setting_type_uristring; /**< text, %XX encoded for a URI */
extern const struct setting_type setting_type_ipv4;    /**< dotted quad */
extern const struct setting_type setting_type_hex;     /**< aa:bb:cc */
extern const struct setting_type setting_type_hexhyp;  /**< aa-bb-cc */
extern const struct setting_type setting_type_hexraw;  /**< aabbcc */
extern const struct setting_type setting_type_uint8;   /**< unsigned, 1 byte, shown as 0x hex like iPXE */
extern const struct setting_type setting_type_uint16;  /**< unsigned, 2 bytes, shown as 0x hex like iPXE */
extern const struct setting_type setting_type_uint32;  /**< unsigned, 4 bytes, shown as 0x hex like iPXE */
extern const struct setting_type setting_type_int8;    /**< signed decimal, 1 byte */
extern const struct setting_type setting_type_int16;   /**< signed decimal, 2 bytes */
extern const struct setting_type setting_type_int32;   /**< signed decimal, 4 bytes */
extern const struct setting_type setting_type_uuid;    /**< 16 bytes as 8-4-4-4-12 */
extern const struct setting_type setting_type_mac;     /**< 6 bytes as aa:bb:cc:dd:ee:ff */

/** Find a type by name; NULL if unknown */
const struct setting_type *setting_type_find(const char *name);

/** A well-known setting: its default type and, if any, its DHCP option */
struct setting_def {
	const char *name;                   /**< name ("root-path") */
	const char *description;            /**< one line for `show`/help */
	const struct setting_type *type;    /**< default type */
	unsigned int tag;                   /**< DHCP option (175.190 as 175<<8|190), 0 if none */
	/** Computes the value when none is stored (the clock): raw bytes into @p buf, their length or -error; NULL if none */
	int (*compute)(char *buf, size_t len);
};

/** Register a well-known setting */
#define SETTING(object) TABLE_ENTRY(setting_defs, object)
TABLE_DECLARE(setting_defs);

/**
 * Define and register well-known setting @p ident: named @p sname, of
 * type setting_type_@p stype, DHCP option @p stag, computed by
 * @p scompute (NULL: only stored values)
 */
#define SETTING_DEFINE(ident, sname, stype, stag, sdesc, scompute)       \
	static const struct setting_def ident = {                        \
		.name = sname, .description = sdesc,                     \
		.type = &setting_type_##stype, .tag = stag,              \
		.compute = scompute };                                   \
	SETTING(ident)

/** Find a well-known setting by name or DHCP option number ("17"); NULL if none */
const struct setting_def *setting_def_find(const char *name);

/** Find a well-known setting by DHCP option tag; NULL if none */
const struct setting_def *setting_def_find_tag(unsigned int tag);

/** A read-only scope whose values are computed when read ("smbios/1.4.0") */
struct settings_scope {
	const char *name;   /**< scope name, used as "name/..." */
	/**
	 * Fetch @p name's raw bytes into @p buf (up to @p len); the full
	 * length, or -ENOENT (no such value) or -EINVAL (a malformed name);
	 * @p type receives the type to format with
	 */
	int (*fetch)(const char *name, void *buf, size_t len,
		     const struct setting_type **type);
};

/** Register a computed scope */
#define SETTINGS_SCOPE(object) TABLE_ENTRY(settings_scopes, object)
TABLE_DECLARE(settings_scopes);

/**
 * Make scope @p alias ("netX") mean block @p target ("net0") and the
 * blocks under it ("netX.dhcp" is "net0.dhcp"); 0 or -ENOMEM
 */
int settings_alias(const char *alias, const char *target);

/** Something that acts on the settings after `set` or `clear` changed them */
struct settings_applicator {
	const char *name;          /**< what it configures ("ipv4") */
	void (*apply)(void);       /**< read the settings and act on them */
};

/** Register a settings applicator */
#define SETTINGS_APPLICATOR(object) TABLE_ENTRY(settings_applicators, object)
TABLE_DECLARE(settings_applicators);

/** A block of settings: the root (""), "net0", "net0.dhcp", ... */
struct settings;

/** The root block, where `set` stores unscoped names */
struct settings *settings_root(void);

/** Find a block by full name ("net0.dhcp"); NULL if none */
struct settings *settings_find_block(const char *name);

/** Create block @p name under @p parent (NULL = root), replacing any old one */
struct settings *settings_new_block(struct settings *parent, const char *name);

/** Remove a block, its children and their values */
void settings_free_block(struct settings *block);

/** Full name of a block ("net0.dhcp"; "" for the root) */
const char *settings_block_name(const struct settings *block);

/**
 * Store raw bytes under @p name in @p block with @p type (NULL: the
 * well-known default, else string); @p data NULL deletes.  0 or -error.
 */
int settings_store(struct settings *block, const char *name,
		   const struct setting_type *type, const void *data, size_t len);

/**
 * Fetch raw bytes of "[scope/]name[:type]" into @p buf (up to @p len);
 * an unscoped name searches every block.  Returns the full raw length
 * (which may exceed @p len) or -ENOENT; @p type receives the type to
 * format with (the :type suffix, else the stored type) if not NULL.
 */
int settings_fetch(const char *name, void *buf, size_t len,
		   const struct setting_type **type);

/** Fetch "[scope/]name[:type]" formatted as text; text length or -error */
int settings_fetch_text(const char *name, char *buf, size_t len);

/** Parse @p value as the setting's type and store it (`set`); 0 or -error */
int settings_store_text(const char *name, const char *value);

/** Delete "[scope/]name" (`clear`); 0 or -ENOENT */
int settings_clear(const char *name);

/** Call @p fn for every value in @p block and below (NULL = all) */
void settings_foreach(struct settings *block,
		      void (*fn)(const struct settings *block, const char *name,
				 const struct setting_type *type,
				 const void *data, size_t len, void *ctx),
		      void *ctx);

#endif
