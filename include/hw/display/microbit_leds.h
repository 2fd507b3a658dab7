/*
 * BBC micro:bit front panel display: the 5x5 LED matrix, drawn with the
 * buttons and edge connector pins
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_DISPLAY_MICROBIT_LEDS_H
#define HW_DISPLAY_MICROBIT_LEDS_H

#include "hw/sysbus.h"
#include "qom/object.h"

#define TYPE_MICROBIT_LEDS "microbit-leds"
OBJECT_DECLARE_SIMPLE_TYPE(MicrobitLEDsState, MICROBIT_LEDS)

/* The LEDs are wired as a matrix of 3 rows by 9 columns */
#define MICROBIT_LED_ROWS       3
#define MICROBIT_LED_COLS       9
/* and laid out as a 5x5 grid */
#define MICROBIT_LED_GRID       5
/* Buttons A and B, drawn held or not */
#define MICROBIT_LEDS_BUTTONS   2
/* Edge connector pins 0, 1 and 2, drawn with their level */
#define MICROBIT_EDGE_PINS      3

/*
 * The picture of the board on the graphic console, in pixels, and
 * where buttons A and B are drawn in it (level with the middle row of
 * LEDs), for the input device that lets the mouse press them
 */
#define MICROBIT_LEDS_WIDTH         320
#define MICROBIT_LEDS_HEIGHT        240
#define MICROBIT_LEDS_BUTTON_SIZE   36
#define MICROBIT_LEDS_BUTTON_Y      86
#define MICROBIT_LEDS_BUTTON_A_X    16
#define MICROBIT_LEDS_BUTTON_B_X    (MICROBIT_LEDS_WIDTH - 16 - \
                                     MICROBIT_LEDS_BUTTON_SIZE)

/*
 * GPIO lines:
 *  in  "row" [3]       row lines (P0.13-P0.15), high lights the row
 *  in  "col" [9]       column lines (P0.4-P0.12), low lights the LED
 *  in  "pin" [3]       the levels of edge connector pins 0-2
 *  in  "button" [2]    the lines of buttons A and B: low while held
 */
#define MICROBIT_LEDS_ROW       "row"
#define MICROBIT_LEDS_COL       "col"
#define MICROBIT_LEDS_PIN       "pin"
#define MICROBIT_LEDS_BUTTON    "button"

struct MicrobitLEDsState {
    SysBusDevice parent_obj;

    QemuConsole *con;
    QEMUTimer *timer;

    /* Line levels */
    uint32_t rows;
    uint32_t cols;
    uint32_t pins;

    /*
     * Time each row has been high, and each LED lit, in the current
     * cycle of its row (since its row last rose).
     */
    int64_t last_ns;
    uint64_t high_ns[MICROBIT_LED_ROWS];
    uint64_t on_ns[MICROBIT_LED_ROWS][MICROBIT_LED_COLS];
    /*
     * When each row last rose, or was last measured without rising;
     * whether the lines changed since the timer last ran
     */
    int64_t rose_ns[MICROBIT_LED_ROWS];
    bool active;

    /*
     * Each LED's share of its row's on-time, 0 to 65535, as last
     * measured, and as shown: a new image is shown once every row has
     * been measured again, so that it never mixes two of the images
     * firmware shows one after the other.
     */
    uint16_t measured[MICROBIT_LED_ROWS][MICROBIT_LED_COLS];
    uint32_t measured_rows;
    uint16_t duty[MICROBIT_LED_ROWS][MICROBIT_LED_COLS];

    /* Buttons drawn held, as their lines show */
    bool button[MICROBIT_LEDS_BUTTONS];
    bool dirty;
};

#endif
