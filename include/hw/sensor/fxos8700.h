/*
 * NXP FXOS8700CQ 6-axis accelerometer and magnetometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_FXOS8700_H
#define HW_SENSOR_FXOS8700_H

#include "hw/i2c/i2c.h"
#include "qom/object.h"

#define TYPE_FXOS8700 "fxos8700"
OBJECT_DECLARE_SIMPLE_TYPE(FXOS8700State, FXOS8700)

/* As the micro:bit v1.5 wires it (SA1 and SA0 low) */
#define FXOS8700_I2C_ADDR   0x1e
#define FXOS8700_NUM_REGS   0x79

struct FXOS8700State {
    I2CSlave parent_obj;

    QEMUTimer *timer;           /* output data rate */
    qemu_irq int1;
    qemu_irq int2;

    /* Along the chip's axes: milli-g, and nanotesla */
    int32_t accel[3];
    int32_t magnet[3];

    uint8_t regs[FXOS8700_NUM_REGS];
    uint8_t pointer;            /* register address */
    bool addr_phase;            /* the next byte written is an address */
    bool drdy;                  /* a new sample is ready */
};

#endif
