/*
 * NXP MAG3110 3-axis digital magnetometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_MAG3110_H
#define HW_SENSOR_MAG3110_H

#include "hw/i2c/i2c.h"
#include "qom/object.h"

#define TYPE_MAG3110 "mag3110"
OBJECT_DECLARE_SIMPLE_TYPE(MAG3110State, MAG3110)

#define MAG3110_I2C_ADDR    0x0e
#define MAG3110_NUM_REGS    0x12

struct MAG3110State {
    I2CSlave parent_obj;

    QEMUTimer *timer;           /* output data rate */
    qemu_irq int1;

    /* Field along the chip's axes, in nanotesla */
    int32_t field[3];

    uint8_t regs[MAG3110_NUM_REGS];
    int16_t out[3];             /* the sample being read */
    uint8_t pointer;
    bool addr_phase;
    bool drdy;
};

#endif
