/*
 * nRF51 real-time counter (RTC)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_TIMER_NRF51_RTC_H
#define HW_TIMER_NRF51_RTC_H

#include "hw/misc/nrf_peripheral.h"
#include "hw/timer/nrf_counter.h"
#include "qom/object.h"

#define TYPE_NRF51_RTC "nrf51-rtc"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51RTCState, NRF51_RTC)

#define NRF51_RTC_MAX_CC    NRF_COUNTER_MAX_CC

struct NRF51RTCState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;

    /* Properties */
    uint32_t num_cc;

    /* Guest-visible state; CC and the count are in "counter" */
    uint32_t evten;
    uint32_t prescaler;
    NRFCounter counter;

    /* The events routed to the PPI as of the last update */
    uint32_t routed_before;
};

#endif
