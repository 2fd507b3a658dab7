/*
 * nRF51 random number generator (RNG)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_RNG_H
#define HW_MISC_NRF51_RNG_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_RNG "nrf51-rng"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51RNGState, NRF51_RNG)

struct NRF51RNGState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;

    bool running;
    uint32_t config;
    uint32_t value;
};

#endif
