/** Extension pages hand the viewer a file (an export) through a temporary link, with no permission. */
export function downloadJson(text: string, filename: string): void {
  const link = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(new Blob([text], { type: 'application/json' })),
    download: filename,
  });
  link.click();
  URL.revokeObjectURL(link.href);
}

/** `liveseal-<what>-YYYY-MM-DD.json` */
export const exportFileName = (what: string, now = new Date()) => `liveseal-${what}-${now.toISOString().slice(0, 10)}.json`;
