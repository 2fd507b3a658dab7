/*
 * nRF51 GPIO tasks and events (GPIOTE)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_GPIO_NRF51_GPIOTE_H
#define HW_GPIO_NRF51_GPIOTE_H

#include "hw/gpio/nrf51_gpio.h"
#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_GPIOTE "nrf51-gpiote"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51GPIOTEState, NRF51_GPIOTE)

#define NRF51_GPIOTE_CHANNELS   4

/*
 * GPIO lines, besides those of every peripheral:
 *  in  "level" [n]     the level of pin n, from the GPIO block
 *  in  "detect"        the GPIO block's DETECT signal
 *  out "pin" [n]       to the GPIO block's "task-pin" [n]: the level a
 *                      task channel drives onto pin n, or
 *                      NRF51_GPIO_FLOAT while no channel owns it
 */
#define NRF51_GPIOTE_LEVEL      "level"
#define NRF51_GPIOTE_DETECT     "detect"
#define NRF51_GPIOTE_PIN        "pin"

struct NRF51GPIOTEState {
    NRFPeripheralState parent_obj;

    qemu_irq pin_out[NRF51_GPIO_PINS];

    uint32_t config[NRF51_GPIOTE_CHANNELS];
    uint32_t task_out;          /* the level each task channel drives */
    uint32_t pin_level;         /* last level seen on each pin */
    bool detect;

    /* Derived: the pins the "pin" lines drive, and their levels */
    uint32_t drive_mask;
    uint32_t drive_level;
};

#endif
