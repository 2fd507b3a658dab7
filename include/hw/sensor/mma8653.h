/*
 * NXP MMA8653FC 3-axis 10-bit accelerometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_MMA8653_H
#define HW_SENSOR_MMA8653_H

#include "hw/i2c/i2c.h"
#include "qom/object.h"

#define TYPE_MMA8653 "mma8653"
OBJECT_DECLARE_SIMPLE_TYPE(MMA8653State, MMA8653)

#define MMA8653_I2C_ADDR    0x1d
#define MMA8653_NUM_REGS    0x32

struct MMA8653State {
    I2CSlave parent_obj;

    QEMUTimer *timer;           /* output data rate */
    qemu_irq int1;
    qemu_irq int2;

    /* Acceleration along the chip's axes, in milli-g */
    int32_t accel[3];

    uint8_t regs[MMA8653_NUM_REGS];
    uint8_t pointer;            /* register address */
    bool addr_phase;            /* the next byte written is an address */
    bool drdy;                  /* a new sample is ready */
};

#endif
