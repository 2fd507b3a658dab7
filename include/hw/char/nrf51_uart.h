/*
 * nRF51 UART
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_CHAR_NRF51_UART_H
#define HW_CHAR_NRF51_UART_H

#include "chardev/char-fe.h"
#include "hw/misc/nrf_peripheral.h"
#include "hw/gpio/nrf51_gpio.h"
#include "qom/object.h"

#define TYPE_NRF51_UART "nrf51-uart"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51UARTState, NRF51_UART)

/* The receiver holds RXD plus five more bytes before it overruns */
#define NRF51_UART_RX_FIFO_SIZE 6

/*
 * GPIO lines, besides those of every peripheral:
 *  in  "pin-level" [n] the level of pin n, from the GPIO block's
 *                      "level" [n] (the UART watches its CTS pin)
 *  out "pin" [n]       to the GPIO block's "periph-pin" [n]: the level
 *                      of RTS while pin n is the RTS pin and flow
 *                      control is on, else NRF51_GPIO_FLOAT
 */
#define NRF51_UART_PIN_LEVEL    "pin-level"
#define NRF51_UART_PIN          "pin"
#define NRF51_UART_PINS         NRF51_GPIO_PINS

struct NRF51UARTState {
    NRFPeripheralState parent_obj;

    CharBackend chr;
    QEMUTimer *tx_timer;        /* end of the frame being sent */
    QEMUTimer *rx_timer;        /* end of the frame being received */
    guint watch_tag;
    qemu_irq pin_out[NRF51_UART_PINS];

    /* Derived: the pin "pin" drives (RTS) or -1, and its level */
    int rts_pin;
    bool rts_level;

    /* Guest-visible state */
    uint32_t errorsrc;
    uint32_t enable;
    uint32_t psel[4];           /* RTS, TXD, CTS, RXD */
    uint32_t baudrate;
    uint32_t config;
    bool rx_started;
    bool tx_started;
    bool tx_busy;               /* a frame is on the wire */
    bool tx_pending;            /* a byte waits behind it in TXD */
    bool rx_busy;               /* the line is mid-frame */
    uint8_t tx_byte;            /* the byte the chardev still has to take */
    bool tx_unsent;
    uint8_t tx_next;
    uint8_t rx_fifo[NRF51_UART_RX_FIFO_SIZE];
    uint32_t rx_head;
    uint32_t rx_count;
    bool cts;                   /* the CTS pin is low: clear to send */
    uint32_t pin_level;         /* the pins, from "pin-level" */
};

#endif
