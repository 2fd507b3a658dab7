/*
 * nRF51 timer/counter (TIMER)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_TIMER_NRF51_TIMER_H
#define HW_TIMER_NRF51_TIMER_H

#include "hw/misc/nrf_peripheral.h"
#include "hw/timer/nrf_counter.h"
#include "qom/object.h"

#define TYPE_NRF51_TIMER "nrf51-timer"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51TimerState, NRF51_TIMER)

#define NRF51_TIMER_NUM_CC  4

struct NRF51TimerState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;

    /* Properties */
    uint32_t max_bits;          /* 32 for TIMER0, 16 for TIMER1/2 */

    /* Guest-visible state; CC, SHORTS and the count are in "counter" */
    uint32_t mode;
    uint32_t bitmode;
    uint32_t prescaler;
    NRFCounter counter;

    /* The events routed to the PPI as of the last update */
    uint32_t routed_before;
};

#endif
