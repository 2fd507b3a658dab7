/*
 * Nordic nRF5 EasyDMA: a peripheral's own access to RAM
 *
 * References: nRF51 Series Reference Manual v3.0, sections 17 (RADIO)
 * and 26 (ECB); nRF52833 Product Specification v1.7, section 4.6
 * (EasyDMA).
 *
 * A peripheral with EasyDMA reads and writes its buffers in RAM
 * itself, through the bus, from a pointer register (and on the nRF52
 * a MAXCNT register).  The pointer is latched when a transfer starts:
 * firmware may write the next buffer's address while one transfer
 * runs, and the transfer carries on with the buffer it started with.
 * EasyDMA reaches RAM only: a buffer reaching outside it fails (the
 * peripheral then raises its error event or transfers nothing).
 *
 * NRFEasyDMA is the peripheral's access: an AddressSpace on the bus
 * given by the peripheral's "memory" link, and where RAM lies.
 * NRFEasyDMABuffer is one transfer's buffer, latched at its start;
 * the peripheral migrates its fields.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF_EASYDMA_H
#define HW_MISC_NRF_EASYDMA_H

#include "qemu/log.h"
#include "exec/memory.h"

typedef struct NRFEasyDMA {
    AddressSpace as;
    const char *name;           /* the peripheral's, for logs */
    hwaddr ram_base;
    uint64_t ram_size;
} NRFEasyDMA;

typedef struct NRFEasyDMABuffer {
    uint32_t ptr;               /* latched at the start of the transfer */
    uint32_t maxcnt;            /* its size in bytes */
} NRFEasyDMABuffer;

/* Call from realize: @bus is the memory link, @name the peripheral's */
static inline void nrf_easydma_init(NRFEasyDMA *d, MemoryRegion *bus,
                                    const char *name, hwaddr ram_base,
                                    uint64_t ram_size)
{
    address_space_init(&d->as, bus, name);
    d->name = name;
    d->ram_base = ram_base;
    d->ram_size = ram_size;
}

/* A transfer starts: latch the buffer at @ptr, of @maxcnt bytes */
static inline void nrf_easydma_start(NRFEasyDMABuffer *b, uint32_t ptr,
                                     uint32_t maxcnt)
{
    b->ptr = ptr;
    b->maxcnt = maxcnt;
}

/*
 * Are bytes @offset to @offset + @len of the buffer inside it and in
 * RAM?  Logs a guest error if not.
 */
static inline bool nrf_easydma_check(const NRFEasyDMA *d,
                                     const NRFEasyDMABuffer *b,
                                     uint32_t offset, uint32_t len)
{
    uint64_t start = (uint64_t)b->ptr + offset;

    if ((uint64_t)offset + len > b->maxcnt ||
        start < d->ram_base ||
        start + len > d->ram_base + d->ram_size) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: EasyDMA buffer 0x%08x + %u, %u bytes, is not in "
                      "RAM\n", d->name, b->ptr, offset, len);
        return false;
    }
    return true;
}

/* Read @len bytes at @offset in the buffer; false if that fails */
static inline bool nrf_easydma_read(NRFEasyDMA *d, const NRFEasyDMABuffer *b,
                                    uint32_t offset, void *buf, uint32_t len)
{
    return nrf_easydma_check(d, b, offset, len) &&
           address_space_read(&d->as, (hwaddr)b->ptr + offset,
                              MEMTXATTRS_UNSPECIFIED, buf, len) == MEMTX_OK;
}

/* Write @len bytes at @offset in the buffer; false if that fails */
static inline bool nrf_easydma_write(NRFEasyDMA *d,
                                     const NRFEasyDMABuffer *b,
                                     uint32_t offset, const void *buf,
                                     uint32_t len)
{
    return nrf_easydma_check(d, b, offset, len) &&
           address_space_write(&d->as, (hwaddr)b->ptr + offset,
                               MEMTXATTRS_UNSPECIFIED, buf,
                               len) == MEMTX_OK;
}

#endif
