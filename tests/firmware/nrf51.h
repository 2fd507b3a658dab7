/*
 * Register definitions for the bare-metal test programs
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef TEST_NRF51_H
#define TEST_NRF51_H

#include <stdint.h>

/* Device registers must be accessed exactly as the program says */
#define REG(addr)       (*(volatile uint32_t *)(addr)) /* volatile: MMIO */

#define FICR_DEVICEID0  REG(0x10000060)
#define FICR_DEVICEID1  REG(0x10000064)
#define FICR_CODESIZE   REG(0x10000014)

#define UART0           0x40002000
#define UART_STARTRX    REG(UART0 + 0x000)
#define UART_STARTTX    REG(UART0 + 0x008)
#define UART_RXDRDY     REG(UART0 + 0x108)
#define UART_TXDRDY     REG(UART0 + 0x11c)
#define UART_ENABLE     REG(UART0 + 0x500)
#define UART_PSELTXD    REG(UART0 + 0x50c)
#define UART_PSELRXD    REG(UART0 + 0x514)
#define UART_RXD        REG(UART0 + 0x518)
#define UART_TXD        REG(UART0 + 0x51c)
#define UART_BAUDRATE   REG(UART0 + 0x524)

#define UART_BAUD_115200 0x01d7e000

#define NVMC            0x4001e000
#define NVMC_READY      REG(NVMC + 0x400)
#define NVMC_CONFIG     REG(NVMC + 0x504)
#define NVMC_ERASEPAGE  REG(NVMC + 0x508)
#define NVMC_CONFIG_REN 0
#define NVMC_CONFIG_WEN 1
#define NVMC_CONFIG_EEN 2

#define CLOCK_LFCLKSTART     REG(0x40000008)
#define CLOCK_LFCLKSTARTED   REG(0x40000104)

#define RTC0            0x4000b000
#define RTC0_IRQ        11
#define RTC_START       REG(RTC0 + 0x000)
#define RTC_COMPARE0    REG(RTC0 + 0x140)
#define RTC_INTENSET    REG(RTC0 + 0x304)
#define RTC_INTENCLR    REG(RTC0 + 0x308)
#define RTC_COUNTER     REG(RTC0 + 0x504)
#define RTC_CC0         REG(RTC0 + 0x540)
#define RTC_INT_COMPARE0 (1u << 16)

#define RTC1            0x40011000
#define RTC1_IRQ        17

#define TIMER0          0x40008000
#define TIMER0_IRQ      8

#define SWI0_IRQ        20

#define GPIO_OUT        REG(0x50000504)
#define GPIO_OUTSET     REG(0x50000508)
#define GPIO_OUTCLR     REG(0x5000050c)

#define NVIC_ISER       REG(0xe000e100)
#define NVIC_ICER       REG(0xe000e180)
#define NVIC_ISPR       REG(0xe000e200)
#define NVIC_ICPR       REG(0xe000e280)
#define SCB_SCR         REG(0xe000ed10)
#define SCR_SEVONPEND   (1u << 4)

/* The micro:bit wires UART0 to the interface chip on these pins */
#define MICROBIT_PIN_TX 24
#define MICROBIT_PIN_RX 25

/* The body of a busy-wait loop */
static inline void spin(void)
{
    __asm__ volatile("nop");
}

/* Placed by nrf51822.ld */
extern uint32_t __data_start[], __data_end[], __data_load[];
extern uint32_t __bss_start[], __bss_end[], __stack_top[];

int main(void);
void reset_handler(void);
void default_handler(void);
void hardfault_handler(void);
void uart0_handler(void);
void timer0_handler(void);
void rtc0_handler(void);
void rtc1_handler(void);
void swi0_handler(void);

/* chain.c: a function alone in its flash page, written in assembly */
int chain_target(void);

void uart_init(void);
void uart_putc(char c);
void uart_puts(const char *s);
void uart_puthex(uint32_t v);
char uart_getc(void);

#endif
