/*
 * nRF51 analog-to-digital converter (ADC)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ADC_NRF51_ADC_H
#define HW_ADC_NRF51_ADC_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_ADC "nrf51-adc"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51ADCState, NRF51_ADC)

#define NRF51_ADC_INPUTS    8

struct NRF51ADCState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;           /* end of the conversion */

    /* The voltage on each analog input and of the supply, in mV */
    uint32_t ain_mv[NRF51_ADC_INPUTS];
    uint32_t vdd_mv;

    /* Guest-visible state */
    bool busy;
    uint32_t enable;
    uint32_t config;
    uint32_t result;
};

#endif
