/*
 * nRF51 SPI master (SPI)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_SSI_NRF51_SPI_H
#define HW_SSI_NRF51_SPI_H

#include "hw/ssi/ssi.h"
#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_SPI "nrf51-spi"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51SPIState, NRF51_SPI)

/* TXD and RXD are double buffered */
#define NRF51_SPI_FIFO  2

struct NRF51SPIState {
    NRFPeripheralState parent_obj;

    SSIBus *bus;
    QEMUTimer *timer;           /* end of the byte being shifted */

    uint32_t enable;
    uint32_t psel[3];           /* SCK, MOSI, MISO */
    uint32_t frequency;
    uint32_t config;

    bool busy;                  /* a byte is being shifted */
    uint8_t shifting;           /* the byte received for it */
    uint8_t tx[NRF51_SPI_FIFO];
    uint32_t tx_count;
    uint8_t rx[NRF51_SPI_FIFO];
    uint32_t rx_count;
};

#endif
