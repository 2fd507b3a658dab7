/*
 * nRF51 POWER, CLOCK and MPU
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_POWER_H
#define HW_MISC_NRF51_POWER_H

#include "hw/clock.h"
#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_POWER "nrf51-power"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51PowerState, NRF51_POWER)

/* Input GPIO lines, by name */
#define NRF51_POWER_SYSRESETREQ "sysresetreq"   /* from the NVIC */
#define NRF51_POWER_WATCHDOG    "watchdog"      /* from the WDT */
#define NRF51_POWER_WAKE        "wake"          /* GPIO DETECT */

/*
 * Clock outputs, by name: the HFCLK (16 MHz, always) and the LFCLK
 * (32768 Hz while it runs, between LFCLKSTARTED and LFCLKSTOP; 0 Hz,
 * stopped, otherwise)
 */
#define NRF51_POWER_HFCLK       "hfclk"
#define NRF51_POWER_LFCLK       "lfclk"
#define NRF51_HFCLK_HZ          16000000
#define NRF51_LFCLK_HZ          32768

struct NRF51PowerState {
    NRFPeripheralState parent_obj;

    QEMUTimer *hfclk_timer;     /* HFCLK crystal start-up */
    QEMUTimer *lfclk_timer;     /* LFCLK start-up */
    QEMUTimer *cal_timer;       /* RC oscillator calibration */
    QEMUTimer *ct_timer;        /* calibration timer */
    Clock *hfclk;
    Clock *lfclk;

    /* CLOCK */
    bool hfclk_xtal_running;
    bool hfclk_xtal_started;    /* HFCLKSTART was triggered */
    bool lfclk_running;
    bool lfclk_started;         /* LFCLKSTART was triggered */
    uint32_t lfclksrc;
    uint32_t lfclksrc_copy;
    uint32_t ctiv;
    uint32_t xtalfreq;

    /* POWER */
    uint32_t resetreas;
    uint32_t pending_resetreas; /* cause of the reset under way */
    bool powered;               /* false until the power-on reset */
    bool system_off;
    uint32_t pofcon;
    uint32_t gpregret;
    uint32_t ramon;
    uint32_t ramonb;
    uint32_t reset;
    uint32_t dcdcen;

    /* MPU */
    uint32_t perr0;
    uint32_t rlenr0;
    uint32_t protenset[2];
    uint32_t disableindebug;
};

/* RESETREAS bits */
#define NRF51_RESETREAS_RESETPIN    (1u << 0)
#define NRF51_RESETREAS_DOG         (1u << 1)
#define NRF51_RESETREAS_SREQ        (1u << 2)
#define NRF51_RESETREAS_LOCKUP      (1u << 3)
#define NRF51_RESETREAS_OFF         (1u << 16)

#endif
