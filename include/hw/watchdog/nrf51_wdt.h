/*
 * nRF51 watchdog timer (WDT)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_WATCHDOG_NRF51_WDT_H
#define HW_WATCHDOG_NRF51_WDT_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_WDT "nrf51-wdt"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51WDTState, NRF51_WDT)

#define NRF51_WDT_RR    8

/* Output GPIO line: pulsed to reset the system */
#define NRF51_WDT_RESET "reset"

struct NRF51WDTState {
    NRFPeripheralState parent_obj;

    QEMUTimer *timer;
    qemu_irq reset;

    bool running;
    bool timed_out;             /* TIMEOUT raised, the reset follows */
    uint32_t crv;
    uint32_t rren;
    uint32_t config;
    uint32_t reqstatus;         /* RR registers not yet written */
};

#endif
