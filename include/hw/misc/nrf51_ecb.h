/*
 * nRF51 AES electronic codebook mode encryption (ECB)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_ECB_H
#define HW_MISC_NRF51_ECB_H

#include "hw/sysbus.h"
#include "hw/misc/nrf51_events.h"
#include "qom/object.h"

#define TYPE_NRF51_ECB "nrf51-ecb"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51ECBState, NRF51_ECB)

struct NRF51ECBState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    NRF51Events events;
    QEMUTimer *timer;
    MemoryRegion *downstream;
    AddressSpace as;
    uint32_t sram_size;

    bool busy;
    uint32_t ecbdataptr;
    uint8_t ciphertext[16];     /* written back when the block is done */
};

#endif
