/*
 * nRF51 non-volatile memory controller (NVMC), with flash and UICR
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_NVRAM_NRF51_NVMC_H
#define HW_NVRAM_NRF51_NVMC_H

#include "hw/sysbus.h"
#include "qom/object.h"

#define TYPE_NRF51_NVMC "nrf51-nvmc"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51NVMCState, NRF51_NVMC)

/*
 * MMIO regions: 0 the NVMC registers, 1 the flash, 2 UICR.
 */
struct NRF51NVMCState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    MemoryRegion flash;
    MemoryRegion uicr;
    uint8_t *flash_ptr;
    uint8_t *uicr_ptr;

    /* Properties */
    uint32_t flash_size;
    BlockBackend *blk;

    /* Guest-visible state (the memories migrate as RAM) */
    uint32_t config;
};

/*
 * Program @len bytes at @addr in flash or UICR, as a programmer does,
 * and store them on the backing drive if there is one.  Returns false
 * if the range is not in flash or UICR.
 */
bool nrf51_nvmc_program(NRF51NVMCState *s, uint32_t addr,
                        const uint8_t *data, uint32_t len, Error **errp);

/* Erase flash and UICR, as a programmer does before it programs */
void nrf51_nvmc_erase_all(NRF51NVMCState *s);

#endif
