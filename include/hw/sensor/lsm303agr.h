/*
 * ST LSM303AGR accelerometer and magnetometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_LSM303AGR_H
#define HW_SENSOR_LSM303AGR_H

#include "hw/i2c/i2c.h"
#include "qom/object.h"

/*
 * The package holds two I2C slaves, one for each sensor, each with a
 * data-ready interrupt line "int" (active high).
 */
#define TYPE_LSM303AGR "lsm303agr"
#define TYPE_LSM303AGR_ACCEL "lsm303agr-accel"
#define TYPE_LSM303AGR_MAG "lsm303agr-mag"
OBJECT_DECLARE_SIMPLE_TYPE(LSM303AGRState, LSM303AGR)

#define LSM303AGR_ACCEL_I2C_ADDR    0x19
#define LSM303AGR_MAG_I2C_ADDR      0x1e
#define LSM303AGR_NUM_REGS          0x70

struct LSM303AGRState {
    I2CSlave parent_obj;

    QEMUTimer *timer;           /* output data rate */
    qemu_irq irq;
    bool is_mag;

    /* Along the chip's axes: milli-g, or nanotesla */
    int32_t value[3];

    uint8_t regs[LSM303AGR_NUM_REGS];
    uint8_t pointer;            /* register address */
    bool autoinc;               /* the address had its auto-increment bit */
    bool addr_phase;            /* the next byte written is an address */
    bool drdy;                  /* a new sample is ready */
};

#endif
