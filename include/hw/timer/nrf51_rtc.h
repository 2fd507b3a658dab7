/*
 * nRF51 real-time counter (RTC)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_TIMER_NRF51_RTC_H
#define HW_TIMER_NRF51_RTC_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_RTC "nrf51-rtc"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51RTCState, NRF51_RTC)

#define NRF51_RTC_MAX_CC    4

struct NRF51RTCState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;

    /* Properties */
    uint32_t num_cc;

    /* Guest-visible state */
    bool started;
    bool lfclk;                 /* the LFCLK runs */
    uint32_t evten;
    uint32_t prescaler;
    uint32_t cc[NRF51_RTC_MAX_CC];

    /*
     * The count, unwrapped: "ticks" at virtual time "base_ns" while
     * counting, and "ticks" itself while stopped.  "seen" is the last
     * count whose events have been raised.
     */
    uint64_t ticks;
    int64_t base_ns;
    uint64_t seen;
};

#endif
