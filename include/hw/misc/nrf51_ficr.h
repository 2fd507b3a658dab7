/*
 * nRF51 Factory Information Configuration Registers (FICR)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_FICR_H
#define HW_MISC_NRF51_FICR_H

#include "hw/sysbus.h"
#include "qom/object.h"

#define TYPE_NRF51_FICR "nrf51-ficr"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51FICRState, NRF51_FICR)

struct NRF51FICRState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;

    /*
     * Per-chip identity, fixed at realize: DEVICEID, the BLE device
     * address and the ER/IR key roots all derive from device_id.
     */
    uint32_t deviceid[2];
    uint32_t deviceaddr[2];
    uint32_t er[4];
    uint32_t ir[4];

    /* Properties */
    uint64_t device_id;
    uint32_t code_size;         /* in pages */
    uint32_t sram_size;         /* in bytes */
};

#endif
