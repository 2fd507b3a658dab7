/*
 * nRF51 AES electronic codebook mode encryption (ECB)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_ECB_H
#define HW_MISC_NRF51_ECB_H

#include "hw/misc/nrf_peripheral.h"
#include "hw/misc/nrf_easydma.h"
#include "qom/object.h"

#define TYPE_NRF51_ECB "nrf51-ecb"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51ECBState, NRF51_ECB)

struct NRF51ECBState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;
    MemoryRegion *downstream;
    NRFEasyDMA dma;
    uint32_t sram_size;

    bool busy;
    uint32_t ecbdataptr;
    NRFEasyDMABuffer data;      /* ECBDATAPTR, latched by STARTECB */
    uint8_t ciphertext[16];     /* written back when the block is done */
};

#endif
