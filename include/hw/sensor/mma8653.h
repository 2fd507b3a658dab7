/*
 * NXP MMA8653FC 3-axis 10-bit accelerometer
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_MMA8653_H
#define HW_SENSOR_MMA8653_H

#include "hw/sensor/i2c_sensor.h"

#define TYPE_MMA8653 "mma8653"
OBJECT_DECLARE_TYPE(MMA8653State, MMA8653Class, MMA8653)

#define MMA8653_I2C_ADDR    0x1d
#define MMA8653_NUM_REGS    0x32

struct MMA8653State {
    I2CSensorState parent_obj;
};

/*
 * The MMA865x accelerometer's register map, which parts derived from it
 * (the FXOS8700CQ) extend
 */
struct MMA8653Class {
    I2CSensorClass parent_class;

    uint8_t bits;               /* output resolution */
    uint8_t offset_mg;          /* step of OFF_X/Y/Z, or 0: not modelled */
};

/*
 * For the derived parts: the accelerometer's side of their hooks (the
 * registers other than WHO_AM_I, STATUS and the outputs)
 */
uint8_t mma8653_read(I2CSensorState *s, uint8_t reg);
int64_t mma8653_period_ns(I2CSensorState *s);
uint16_t mma8653_output(I2CSensorState *s, int axis);

#endif
