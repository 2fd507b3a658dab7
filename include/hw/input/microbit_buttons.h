/*
 * BBC micro:bit buttons A and B
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_INPUT_MICROBIT_BUTTONS_H
#define HW_INPUT_MICROBIT_BUTTONS_H

#include "hw/sysbus.h"
#include "qom/object.h"

#define TYPE_MICROBIT_BUTTONS "microbit-buttons"
OBJECT_DECLARE_SIMPLE_TYPE(MicrobitButtonsState, MICROBIT_BUTTONS)

#define MICROBIT_NUM_BUTTONS    2

/*
 * GPIO lines:
 *  out "button" [2]    A and B: low while held (the board's pull-ups
 *                      keep them high otherwise)
 */
#define MICROBIT_BUTTONS_OUT    "button"

struct MicrobitButtonsState {
    SysBusDevice parent_obj;

    qemu_irq out[MICROBIT_NUM_BUTTONS];

    /* Held, by QOM property, key or mouse */
    bool held[MICROBIT_NUM_BUTTONS];
    /* Held by the mouse, to let go of on release; and where it is */
    bool mouse_held[MICROBIT_NUM_BUTTONS];
    int mouse_x;
    int mouse_y;
};

#endif
