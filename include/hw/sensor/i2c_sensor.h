/*
 * A sensor behind an I2C register file
 *
 * The frame that register-mapped motion sensors share: a register
 * pointer set by the first byte written and auto-incremented by the
 * bytes that follow, a data-ready flag raised by a sampling timer and
 * cleared by reading the last output register, up to two interrupt
 * lines, and readings set through QOM properties.  Subclasses give the
 * register map and its behaviour in their class.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SENSOR_I2C_SENSOR_H
#define HW_SENSOR_I2C_SENSOR_H

#include "hw/i2c/i2c.h"
#include "qom/object.h"

#define TYPE_I2C_SENSOR "i2c-sensor"
OBJECT_DECLARE_TYPE(I2CSensorState, I2CSensorClass, I2C_SENSOR)

#define I2C_SENSOR_MAX_REGS     0x80
#define I2C_SENSOR_MAX_INPUTS   2       /* groups of three axes */
#define I2C_SENSOR_MAX_VALUES   (3 * I2C_SENSOR_MAX_INPUTS)
#define I2C_SENSOR_NUM_IRQS     2
#define I2C_SENSOR_STATUS_ZYXDR (1 << 3)

struct I2CSensorState {
    I2CSlave parent_obj;

    QEMUTimer *timer;           /* output data rate */
    qemu_irq irq[I2C_SENSOR_NUM_IRQS];

    /* The readings, along the chip's own axes */
    int32_t value[I2C_SENSOR_MAX_VALUES];
    /* The sample being read, latched when a read starts */
    uint16_t out[I2C_SENSOR_MAX_VALUES];

    uint8_t regs[I2C_SENSOR_MAX_REGS];
    uint8_t pointer;            /* register address */
    bool autoinc;               /* the pointer moves on after each byte */
    bool addr_phase;            /* the next byte written is an address */
    bool drdy;                  /* a new sample is ready */
};

/* Three readings set through properties "<prefix>x", "y" and "z" */
typedef struct I2CSensorInput {
    const char *prefix;
    const char *unit;
    int32_t limit;              /* the range is +/-limit */
    int32_t rest_z;             /* the z reading at reset */
} I2CSensorInput;

struct I2CSensorClass {
    I2CSlaveClass parent_class;

    uint8_t num_regs;
    uint8_t who_am_i_reg;
    uint8_t who_am_i;
    /* Its bit 3 (ZYXDR) tells that a new sample is ready */
    uint8_t status_reg;
    const I2CSensorInput *input[I2C_SENSOR_MAX_INPUTS];
    const char *irq_name[I2C_SENSOR_NUM_IRQS];
    /* Address bit asking for auto-increment, or 0 when it is implicit */
    uint8_t autoinc_bit;
    /* Significant bits of the register address */
    uint8_t addr_mask;
    /* A write to this register restarts the sampling */
    uint8_t rate_reg;
    /* A register with a non-zero reset value */
    uint8_t reset_reg;
    uint8_t reset_value;
    /* Setting these bits of this register resets the part */
    uint8_t soft_reset_reg;
    uint8_t soft_reset_bits;
    /* The 16-bit outputs; reading the last one consumes the sample */
    uint8_t out_first;
    uint8_t out_last;
    /* After the last output, a burst goes back to register 0 */
    bool out_wrap;
    /*
     * Sample at the data rate whether read or not; otherwise the next
     * sample is due a period after the last one is read.
     */
    bool free_running;

    /* Whether a write to @reg may change it */
    bool (*writable)(I2CSensorState *s, uint8_t reg);
    /*
     * Called before a write to a writable register, which may change
     * @value; returns false if the write is done with (or refused).
     */
    bool (*pre_write)(I2CSensorState *s, uint8_t reg, uint8_t *value);
    /*
     * Reads @reg, other than the above (optional); registers not
     * special are regs[]
     */
    uint8_t (*read)(I2CSensorState *s, uint8_t reg);
    /* Whether the outputs are MSB first (optional: by default they are) */
    bool (*big_endian)(I2CSensorState *s);
    /* Fast read: a burst reads only the outputs' MSBs (optional) */
    bool (*fast_read)(I2CSensorState *s);
    /*
     * Optional: where the pointer goes after @reg, and the register
     * whose reading consumes the sample, when the fields above do not
     * say it
     */
    uint8_t (*next)(I2CSensorState *s, uint8_t reg);
    uint8_t (*last_output)(I2CSensorState *s);
    /* The sampling period, or 0 when the sensor is not sampling */
    int64_t (*period_ns)(I2CSensorState *s);
    /* The output of reading @i, for out[] */
    uint16_t (*output)(I2CSensorState *s, int i);
    /* Latch the sample to read; by default, output() of every reading */
    void (*latch)(I2CSensorState *s);
    /* A sample was taken at the data rate */
    void (*sampled)(I2CSensorState *s);
    /* The lines the data-ready interrupt goes to, a bit for each */
    unsigned (*drdy_lines)(I2CSensorState *s);
    /* Whether the interrupt lines are active high (the default) */
    bool (*active_low)(I2CSensorState *s);
};

/* Reads byte @reg - @first of the 16-bit outputs out[@i...] */
uint8_t i2c_sensor_out_byte(I2CSensorState *s, int i, uint8_t reg,
                            uint8_t first, bool big_endian);

#endif
