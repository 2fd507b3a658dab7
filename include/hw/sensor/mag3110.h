/*
 * NXP MAG3110 3-axis digital magnetometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_MAG3110_H
#define HW_SENSOR_MAG3110_H

#include "hw/sensor/i2c_sensor.h"

#define TYPE_MAG3110 "mag3110"
OBJECT_DECLARE_SIMPLE_TYPE(MAG3110State, MAG3110)

#define MAG3110_I2C_ADDR    0x0e
#define MAG3110_NUM_REGS    0x12

struct MAG3110State {
    I2CSensorState parent_obj;
};

#endif
