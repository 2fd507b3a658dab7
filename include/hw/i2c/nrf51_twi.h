/*
 * nRF51 two-wire interface master (TWI)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_I2C_NRF51_TWI_H
#define HW_I2C_NRF51_TWI_H

#include "hw/i2c/i2c.h"
#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_TWI "nrf51-twi"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51TWIState, NRF51_TWI)

struct NRF51TWIState {
    NRFPeripheralState parent_obj;

    I2CBus *bus;
    QEMUTimer *timer;           /* end of the byte on the wire */

    /* Registers */
    uint32_t errorsrc;
    uint32_t enable;
    uint32_t pselscl;
    uint32_t pselsda;
    uint32_t rxd;
    uint32_t txd;
    uint32_t frequency;
    uint32_t address;

    /* Transfer state */
    uint32_t phase;             /* idle, transmitting or receiving */
    uint32_t pending;           /* what the byte on the wire ends with */
    bool txd_valid;             /* TXD holds a byte not yet sent */
    bool rx_wait;               /* the next byte waits for RXD to be read */
    bool suspended;
    bool stop_requested;
};

#endif
