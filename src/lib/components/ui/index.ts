// The design system's primitives: import from '$lib/components/ui'.
export { default as Badge } from './Badge.svelte';
export { default as Button } from './Button.svelte';
export { default as Chip } from './Chip.svelte';
export { default as Combobox } from './Combobox.svelte';
export { default as Dialog } from './Dialog.svelte';
export { default as Menu } from './Menu.svelte';
export { default as MenuItem } from './MenuItem.svelte';
export { default as Popover } from './Popover.svelte';
export { default as Toaster } from './Toaster.svelte';
export { default as Tooltip } from './Tooltip.svelte';
export { dismissToast, showToast, toast } from './toast.svelte';
export { scrollable } from './scrollable';
