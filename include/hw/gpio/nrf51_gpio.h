/*
 * nRF51 general purpose input/output (GPIO)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_GPIO_NRF51_GPIO_H
#define HW_GPIO_NRF51_GPIO_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "qemu/notify.h"

#define TYPE_NRF51_GPIO "nrf51-gpio"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51GPIOState, NRF51_GPIO)

#define NRF51_GPIO_PINS         32

/*
 * GPIO lines:
 *  in  [n]             a level driven onto pin n from outside the chip,
 *                      or NRF51_GPIO_FLOAT when nothing drives it
 *  in  "pullup" [n]    the board has a weak pull-up on pin n (which the
 *                      chip's own pull-down overcomes)
 *  out [n]             the level of pin n, for the board
 *  out "level" [n]     the level of pin n, for GPIOTE
 *  out "detect"        the DETECT signal (pins whose SENSE matches)
 */
#define NRF51_GPIO_LEVEL        "level"
#define NRF51_GPIO_PULLUP       "pullup"
#define NRF51_GPIO_FLOAT        (-1)
#define NRF51_GPIO_DETECT       "detect"

struct NRF51GPIOState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    qemu_irq out[NRF51_GPIO_PINS];
    qemu_irq level_out[NRF51_GPIO_PINS];
    qemu_irq detect;

    /* Guest-visible state */
    uint32_t out_reg;
    uint32_t pin_cnf[NRF51_GPIO_PINS];

    /* Pins that GPIOTE drives in task mode, and the levels it drives */
    uint32_t task_mask;
    uint32_t task_level;

    /* Output pins whose level the UART sets (RTS), and those levels */
    uint32_t periph_mask;
    uint32_t periph_level;

    /* Told the mask of pins whose level changed */
    NotifierList level_notifiers;

    /* What the outside world drives onto the pins */
    uint32_t ext_driven;
    uint32_t ext_level;
    uint32_t ext_pullup;

    /* Derived: the level of each pin, and DETECT */
    uint32_t level;
    bool detect_level;
};

/* Let GPIOTE take over pin @pin (or give it back) and drive @level */
void nrf51_gpio_set_task_pin(NRF51GPIOState *s, unsigned pin, bool owned,
                             bool level);

/*
 * Let a peripheral set the level of the output pins in @mask (and give
 * the others back to OUT), as the UART does with its RTS pin
 */
void nrf51_gpio_set_periph_pins(NRF51GPIOState *s, uint32_t mask,
                                uint32_t level);

/* The level of pin @pin */
bool nrf51_gpio_get_level(NRF51GPIOState *s, unsigned pin);

/* Call @n with a pointer to the uint32_t mask of pins that changed */
void nrf51_gpio_add_level_notifier(NRF51GPIOState *s, Notifier *n);

#endif
