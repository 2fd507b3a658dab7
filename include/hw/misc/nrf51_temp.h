/*
 * nRF51 temperature sensor (TEMP)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_TEMP_H
#define HW_MISC_NRF51_TEMP_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_TEMP "nrf51-temp"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51TempState, NRF51_TEMP)

struct NRF51TempState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;

    /* Property: the die temperature, in degrees Celsius */
    int32_t temperature;

    /* Guest-visible state */
    bool measuring;
    int32_t result;             /* in units of 0.25 degrees */
};

#endif
