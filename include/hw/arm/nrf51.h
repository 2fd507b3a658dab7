/*
 * Nordic Semiconductor nRF51 series: memory map and peripheral IDs
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 7 (memory)
 * and section 9 (peripheral interface); nRF51822 Product
 * Specification v3.3, section 7.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_NRF51_H
#define HW_ARM_NRF51_H

#define NRF51_FLASH_BASE        0x00000000
#define NRF51_FICR_BASE         0x10000000
#define NRF51_FICR_SIZE         0x00000100
#define NRF51_UICR_BASE         0x10001000
#define NRF51_UICR_SIZE         0x00000400
#define NRF51_SRAM_BASE         0x20000000
#define NRF51_GPIO_BASE         0x50000000

/* One flash page: the unit of erase, and the size of UICR */
#define NRF51_PAGE_SIZE         1024

/*
 * APB peripherals: peripheral ID n occupies the 4 KiB at
 * 0x40000000 + n * 0x1000 and drives NVIC interrupt line n.
 */
#define NRF51_PERIPHERAL_BASE   0x40000000
#define NRF51_PERIPHERAL_SIZE   0x00001000
#define NRF51_PERIPHERAL_ADDR(id) \
    (NRF51_PERIPHERAL_BASE + (id) * NRF51_PERIPHERAL_SIZE)

#define NRF51_NUM_PERIPHERALS   32

enum {
    NRF51_ID_POWER = 0,         /* POWER, CLOCK and MPU */
    NRF51_ID_RADIO = 1,
    NRF51_ID_UART0 = 2,
    NRF51_ID_SPI0_TWI0 = 3,
    NRF51_ID_SPI1_TWI1 = 4,     /* also SPIS1 */
    NRF51_ID_GPIOTE = 6,
    NRF51_ID_ADC = 7,
    NRF51_ID_TIMER0 = 8,
    NRF51_ID_TIMER1 = 9,
    NRF51_ID_TIMER2 = 10,
    NRF51_ID_RTC0 = 11,
    NRF51_ID_TEMP = 12,
    NRF51_ID_RNG = 13,
    NRF51_ID_ECB = 14,
    NRF51_ID_AAR_CCM = 15,
    NRF51_ID_WDT = 16,
    NRF51_ID_RTC1 = 17,
    NRF51_ID_QDEC = 18,
    NRF51_ID_LPCOMP = 19,
    NRF51_ID_SWI0 = 20,         /* SWI0..SWI5 are IDs 20..25 */
    NRF51_ID_NVMC = 30,
    NRF51_ID_PPI = 31,
};

#endif
