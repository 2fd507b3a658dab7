/*
 * nRF51 general purpose input/output (GPIO)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_GPIO_NRF51_GPIO_H
#define HW_GPIO_NRF51_GPIO_H

#include "hw/sysbus.h"
#include "qom/object.h"

#define TYPE_NRF51_GPIO "nrf51-gpio"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51GPIOState, NRF51_GPIO)

#define NRF51_GPIO_PINS         32

/*
 * GPIO lines:
 *  in  [n]             a level driven onto pin n from outside the chip,
 *                      or NRF51_GPIO_FLOAT when nothing drives it
 *  in  "pullup" [n]    the board has a weak pull-up on pin n (which the
 *                      chip's own pull-down overcomes)
 *  in  "task-pin" [n]  GPIOTE drives pin n in task mode (0 or 1), or
 *                      gives it back (NRF51_GPIO_FLOAT)
 *  in  "periph-pin" [n] a peripheral (the UART's RTS) drives output pin
 *                      n (0 or 1) instead of OUT, or lets it go
 *                      (NRF51_GPIO_FLOAT)
 *  out [n]             the level of pin n, for the board
 *  out "level" [n]     the level of pin n, for the peripherals that
 *                      watch pins (GPIOTE and the UART's CTS)
 *  out "detect"        the DETECT signal (pins whose SENSE matches)
 *
 * A pin in task mode follows GPIOTE whatever its direction; else an
 * output pin follows the peripheral that drives it, else OUT.
 */
#define NRF51_GPIO_LEVEL        "level"
#define NRF51_GPIO_PULLUP       "pullup"
#define NRF51_GPIO_FLOAT        (-1)
#define NRF51_GPIO_DETECT       "detect"
#define NRF51_GPIO_TASK_PIN     "task-pin"
#define NRF51_GPIO_PERIPH_PIN   "periph-pin"

struct NRF51GPIOState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    qemu_irq out[NRF51_GPIO_PINS];
    qemu_irq level_out[NRF51_GPIO_PINS];
    qemu_irq detect;

    /* Guest-visible state */
    uint32_t out_reg;
    uint32_t pin_cnf[NRF51_GPIO_PINS];

    /* Pins GPIOTE drives in task mode, and the levels ("task-pin") */
    uint32_t task_mask;
    uint32_t task_level;

    /* Output pins a peripheral drives, and the levels ("periph-pin") */
    uint32_t periph_mask;
    uint32_t periph_level;

    /* What the outside world drives onto the pins */
    uint32_t ext_driven;
    uint32_t ext_level;
    uint32_t ext_pullup;

    /* Derived: the level of each pin, and DETECT */
    uint32_t level;
    bool detect_level;
};

#endif
