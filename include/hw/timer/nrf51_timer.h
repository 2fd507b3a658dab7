/*
 * nRF51 timer/counter (TIMER)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_TIMER_NRF51_TIMER_H
#define HW_TIMER_NRF51_TIMER_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_TIMER "nrf51-timer"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51TimerState, NRF51_TIMER)

#define NRF51_TIMER_NUM_CC  4

struct NRF51TimerState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;

    /* Properties */
    uint32_t max_bits;          /* 32 for TIMER0, 16 for TIMER1/2 */

    /* Guest-visible state */
    bool running;
    uint32_t mode;
    uint32_t bitmode;
    uint32_t prescaler;
    uint32_t cc[NRF51_TIMER_NUM_CC];

    /*
     * The count, unwrapped, as in the RTC: "ticks" at "base_ns" while
     * running in timer mode; "seen" is the last count whose events
     * have been raised.
     */
    uint64_t ticks;
    int64_t base_ns;
    uint64_t seen;
    /*
     * The count at which each channel last matched or had CC written:
     * a CC value the counter passed after it was passed late (see
     * nrf51_timer_late_compare).
     */
    uint64_t since[NRF51_TIMER_NUM_CC];
};

#endif
