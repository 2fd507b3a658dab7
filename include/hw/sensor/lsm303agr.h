/*
 * ST LSM303AGR accelerometer and magnetometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_LSM303AGR_H
#define HW_SENSOR_LSM303AGR_H

#include "hw/sensor/i2c_sensor.h"

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
    I2CSensorState parent_obj;
};

#endif
