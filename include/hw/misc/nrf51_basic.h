/*
 * nRF51 peripherals whose function is not modelled
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_BASIC_H
#define HW_MISC_NRF51_BASIC_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_BASIC "nrf51-basic"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51BasicState, NRF51_BASIC)

#define NRF51_BASIC_CONFIG_BASE     0x400
/* Configuration registers, up to POWER, which is the frame's */
#define NRF51_BASIC_CONFIG_WORDS    ((NRF_POWER - NRF51_BASIC_CONFIG_BASE) / 4)

struct NRF51BasicState {
    NRFPeripheralState parent_obj;

    /* Properties */
    char *name;

    uint32_t config[NRF51_BASIC_CONFIG_WORDS];
    uint32_t tasks_logged;      /* tasks already reported as unmodelled */
};

#endif
