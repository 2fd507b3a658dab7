/*
 * NXP FXOS8700CQ 6-axis accelerometer and magnetometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_FXOS8700_H
#define HW_SENSOR_FXOS8700_H

#include "hw/sensor/mma8653.h"

/* The accelerometer's registers are the MMA865x's: a subclass */
#define TYPE_FXOS8700 "fxos8700"

/* As the micro:bit v1.5 wires it (SA1 and SA0 low) */
#define FXOS8700_I2C_ADDR   0x1e
#define FXOS8700_NUM_REGS   0x79

#endif
