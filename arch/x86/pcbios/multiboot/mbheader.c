/** @file Multiboot kernels' header: finding it, its flags, and the kernel's segments from its a.out kludge addresses or from ELF. */
#include <lwpxe/errors.h>
#include "multiboot.h"

const struct mb_header *mb_find_header(const struct image *image)
{
	size_t limit = MIN(image->len, (size_t)MB_SEARCH_LEN);
	const uint8_t *base = image->data;

	for (size_t off = 0; off + 12 <= limit; off += 4) {
		const struct mb_header *h = (const void *)(base + off);

		if (h->magic == MB_HEADER_MAGIC &&
		    h->magic + h->flags + h->checksum == 0)
			return h;
	}
	return NULL;
}

/** The segment of an a.out kludge kernel into @p k; 0 or -ENOEXEC with @p why set */
static int mb_kludge_segments(const struct image *image, struct mb_kernel *k,
			      const char **why)
{
	const struct mb_header *h = k->hdr;
	size_t hdr_off = (size_t)((const uint8_t *)h -
				  (const uint8_t *)image->data);
	uint32_t start_off;
	size_t len;

	if ((size_t)(image->len - hdr_off) < sizeof(*h) ||
	    h->load_addr > h->header_addr ||
	    h->header_addr - h->load_addr > hdr_off) {
		*why = "the a.out kludge addresses do not match the file";
		return -ENOEXEC;
	}
	start_off = (uint32_t)(hdr_off - (h->header_addr - h->load_addr));
	len = image->len - start_off;
	if (h->load_end_addr) {
		if (h->load_end_addr < h->load_addr ||
		    h->load_end_addr - h->load_addr > len) {
			*why = "the a.out kludge load end lies beyond the file";
			return -ENOEXEC;
		}
		len = h->load_end_addr - h->load_addr;
	}
	k->seg[0].dst = h->load_addr;
	k->seg[0].src = (uint32_t)(uintptr_t)((const uint8_t *)image->data +
					      start_off);
	k->seg[0].filesz = (uint32_t)len;
	k->seg[0].memsz = (uint32_t)len;
	/* in 64 bits: the end may pass 4 GiB (32-bit size_t would wrap) */
	if (h->bss_end_addr > (uint64_t)h->load_addr + len)
		k->seg[0].memsz = h->bss_end_addr - h->load_addr;
	k->nseg = 1;
	k->entry = h->entry_addr;
	return 0;
}

int mb_kernel_parse(const struct image *image, struct mb_kernel *k,
		    const char **why)
{
	k->hdr = mb_find_header(image);
	if (!k->hdr) {
		*why = "no multiboot header in the first 8 KiB";
		return -ENOEXEC;
	}
	if (k->hdr->flags & 0xffff & ~MB_FLAGS_KNOWN) {
		*why = "the multiboot header asks for features lwpxe lacks";
		return -ENOTSUP;
	}
	if (k->hdr->flags & MB_FLAG_AOUT_KLUDGE)
		return mb_kludge_segments(image, k, why);
	return mb_elf_segments(image, k, why);
}
