/* GICv2 (QEMU virt's default with cortex-a57): just enough to take the
 * timer's private interrupt. */
#include "arm64.h"

#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_IPRIORITYR 0x400
#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010

void gic_init(void) {
  mmio_write32(arm64_plat.gicd + GICD_CTLR, 1);
  mmio_write32(arm64_plat.gicc + GICC_PMR, 0xff); /* let every priority in */
  mmio_write32(arm64_plat.gicc + GICC_CTLR, 1);
}

void gic_enable(unsigned intid) {
  uint64_t prio = arm64_plat.gicd + GICD_IPRIORITYR + (intid & ~3u);
  uint32_t shift = (intid & 3) * 8;
  uint32_t v = mmio_read32(prio) & ~(0xffu << shift);
  mmio_write32(prio, v | (0x80u << shift));
  mmio_write32(arm64_plat.gicd + GICD_ISENABLER + 4 * (intid / 32),
               1u << (intid % 32));
}

unsigned gic_ack(void) { return mmio_read32(arm64_plat.gicc + GICC_IAR) & 0x3ff; }

void gic_eoi(unsigned intid) { mmio_write32(arm64_plat.gicc + GICC_EOIR, intid); }
