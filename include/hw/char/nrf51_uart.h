/*
 * nRF51 UART
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_CHAR_NRF51_UART_H
#define HW_CHAR_NRF51_UART_H

#include "hw/sysbus.h"
#include "chardev/char-fe.h"
#include "hw/misc/nrf51_events.h"
#include "hw/gpio/nrf51_gpio.h"
#include "qom/object.h"

#define TYPE_NRF51_UART "nrf51-uart"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51UARTState, NRF51_UART)

/* The receiver holds RXD plus five more bytes before it overruns */
#define NRF51_UART_RX_FIFO_SIZE 6

struct NRF51UARTState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    CharBackend chr;
    NRF51Events events;
    QEMUTimer *tx_timer;        /* end of the frame being sent */
    QEMUTimer *rx_timer;        /* end of the frame being received */
    guint watch_tag;
    NRF51GPIOState *gpio;       /* the pins RTS and CTS are on, if any */
    Notifier pin_notifier;

    /* Guest-visible state */
    uint32_t shorts;
    uint32_t errorsrc;
    uint32_t enable;
    uint32_t psel[4];           /* RTS, TXD, CTS, RXD */
    uint32_t baudrate;
    uint32_t config;
    uint32_t power;
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
};

#endif
