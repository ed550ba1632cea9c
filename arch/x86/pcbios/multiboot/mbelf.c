/** @file Multiboot kernels in ELF32: the loadable segments and the entry point, at physical addresses. */
#include <string.h>
#include <lwpxe/errors.h>
#include "multiboot.h"

/** The ELF32 file header, the fields read */
struct mb_elf_ehdr {
	uint8_t ident[16];          /**< "\x7fELF", class, data, ... */
	uint16_t type;              /**< ET_EXEC */
	uint16_t machine;           /**< EM_386 */
	uint32_t version;           /**< 1 */
	uint32_t entry;             /**< entry point (virtual) */
	uint32_t phoff;             /**< program headers' offset */
	uint32_t shoff;             /**< section headers' offset */
	uint32_t flags;             /**< machine flags */
	uint16_t ehsize;            /**< this header's size */
	uint16_t phentsize;         /**< one program header's size */
	uint16_t phnum;             /**< number of program headers */
} __attribute__((packed));

/** An ELF32 program header */
struct mb_elf_phdr {
	uint32_t type;              /**< PT_LOAD, ... */
	uint32_t offset;            /**< bytes in the file */
	uint32_t vaddr;             /**< virtual address */
	uint32_t paddr;             /**< physical address: where it loads */
	uint32_t filesz;            /**< bytes in the file */
	uint32_t memsz;             /**< bytes in memory */
	uint32_t flags;             /**< PF_* */
	uint32_t align;             /**< alignment */
} __attribute__((packed));

#define MB_ELF_CLASS32 1            /**< ident[4]: 32-bit */
#define MB_ELF_DATA_LSB 1           /**< ident[5]: little-endian */
#define MB_ELF_EXEC 2               /**< type: executable */
#define MB_ELF_386 3                /**< machine: i386 */
#define MB_ELF_PT_LOAD 1            /**< a segment to load */

/** Check the file header of @p image; 0, or -ENOEXEC/-ENOTSUP with @p why set */
static int mb_elf_check(const struct image *image, const struct mb_elf_ehdr *eh,
			const char **why)
{
	if (image->len < sizeof(*eh) ||
	    memcmp(eh->ident, "\x7f" "ELF", 4) != 0) {
		*why = "not ELF, and the multiboot header has no a.out kludge";
		return -ENOEXEC;
	}
	if (eh->ident[4] != MB_ELF_CLASS32 || eh->ident[5] != MB_ELF_DATA_LSB ||
	    eh->machine != MB_ELF_386 || eh->type != MB_ELF_EXEC) {
		*why = "not a 32-bit x86 ELF executable (and no a.out kludge)";
		return -ENOTSUP;
	}
	if (eh->phentsize < sizeof(struct mb_elf_phdr) ||
	    eh->phoff > image->len ||
	    (uint64_t)eh->phnum * eh->phentsize > image->len - eh->phoff) {
		*why = "the ELF program headers lie outside the file";
		return -ENOEXEC;
	}
	return 0;
}

/** The physical address of virtual entry @p entry, through the segment holding it */
static uint32_t mb_elf_entry(const struct image *image,
			     const struct mb_elf_ehdr *eh)
{
	const uint8_t *base = image->data;

	for (unsigned int i = 0; i < eh->phnum; i++) {
		const struct mb_elf_phdr *ph = (const void *)
			(base + eh->phoff + (size_t)i * eh->phentsize);

		if (ph->type == MB_ELF_PT_LOAD && eh->entry >= ph->vaddr &&
		    eh->entry - ph->vaddr < ph->memsz)
			return eh->entry - ph->vaddr + ph->paddr;
	}
	return eh->entry;
}

int mb_elf_segments(const struct image *image, struct mb_kernel *k,
		    const char **why)
{
	const struct mb_elf_ehdr *eh = image->data;
	const uint8_t *base = image->data;
	int rc = mb_elf_check(image, eh, why);

	if (rc < 0)
		return rc;
	k->nseg = 0;
	for (unsigned int i = 0; i < eh->phnum; i++) {
		const struct mb_elf_phdr *ph = (const void *)
			(base + eh->phoff + (size_t)i * eh->phentsize);

		if (ph->type != MB_ELF_PT_LOAD || !ph->memsz)
			continue;
		if (ph->filesz > ph->memsz || ph->offset > image->len ||
		    ph->filesz > image->len - ph->offset) {
			*why = "an ELF segment lies outside the file";
			return -ENOEXEC;
		}
		if (k->nseg == MB_SEGMENTS_MAX) {
			*why = "too many ELF segments";
			return -ENOTSUP;
		}
		k->seg[k->nseg].dst = ph->paddr;
		k->seg[k->nseg].src = (uint32_t)(uintptr_t)(base + ph->offset);
		k->seg[k->nseg].filesz = ph->filesz;
		k->seg[k->nseg].memsz = ph->memsz;
		k->nseg++;
	}
	if (!k->nseg) {
		*why = "the ELF file has nothing to load";
		return -ENOEXEC;
	}
	k->entry = mb_elf_entry(image, eh);
	return 0;
}
