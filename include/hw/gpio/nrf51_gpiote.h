/*
 * nRF51 GPIO tasks and events (GPIOTE)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_GPIO_NRF51_GPIOTE_H
#define HW_GPIO_NRF51_GPIOTE_H

#include "hw/sysbus.h"
#include "hw/gpio/nrf51_gpio.h"
#include "hw/misc/nrf51_events.h"
#include "qom/object.h"

#define TYPE_NRF51_GPIOTE "nrf51-gpiote"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51GPIOTEState, NRF51_GPIOTE)

#define NRF51_GPIOTE_CHANNELS   4

/*
 * GPIO lines in:
 *  "level" [n]     the level of pin n, from the GPIO block
 *  "detect"        the GPIO block's DETECT signal
 */
#define NRF51_GPIOTE_LEVEL      "level"
#define NRF51_GPIOTE_DETECT     "detect"

struct NRF51GPIOTEState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    NRF51Events events;
    NRF51GPIOState *gpio;

    uint32_t config[NRF51_GPIOTE_CHANNELS];
    uint32_t task_out;          /* the level each task channel drives */
    uint32_t power;
    uint32_t pin_level;         /* last level seen on each pin */
    bool detect;
};

#endif
