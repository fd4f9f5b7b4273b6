import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
	type ChartConfiguration
} from 'chart.js';
import { getLocale } from '$lib/paraglide/runtime';

// Chart.js with only the parts the dashboards draw (bars and lines), registered once. Loaded by
// Chart.svelte on demand, so no other page carries it.

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Legend,
	Tooltip
);

export interface Series {
	label: string;
	data: (number | null)[];
	/**
	 * A design token of src/app.css (`var(--color-success)`, `var(--goal-3)`): the chart reads it
	 * in the theme in force. A series without one takes the goal palette's next colour.
	 */
	color?: string;
	/** A line in a bar chart (e.g. the path an indicator should be on). */
	line?: boolean;
}

export interface ChartConfig {
	kind: 'bar' | 'line';
	labels: string[];
	series: Series[];
	stacked: boolean;
	horizontal: boolean;
	max?: number;
}

/** How many colours the goal palette has (`--goal-1` … `--goal-8`). */
const PALETTE = 8;

/** The tokens a chart is drawn with: its series', then its text, axes and tooltip. */
export function chartTokens(config: ChartConfig): string[] {
	let next = 0;
	const series = config.series.map((s) => s.color ?? `var(--goal-${(next++ % PALETTE) + 1})`);
	return [
		...series,
		'var(--color-text)',
		'var(--color-muted)',
		'var(--color-border)',
		'var(--color-surface)'
	];
}

/** The tokens of `chartTokens`, resolved to colours (src/lib/components/ui/theme.ts). */
export type ChartColours = string[];

type Setup = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

/** Colours every part of the chart with the theme's colours (`chartTokens`, resolved). */
function paint({ data, options }: Pick<Setup, 'data' | 'options'>, colours: ChartColours) {
	const n = data.datasets.length;
	const [text, muted, border, surface] = colours.slice(n);
	data.datasets.forEach((dataset, i) => {
		dataset.backgroundColor = colours[i];
		dataset.borderColor = colours[i];
	});
	if (!options) return;
	options.color = text;
	options.borderColor = border;
	for (const scale of Object.values(options.scales ?? {})) {
		if (!scale) continue;
		scale.ticks = { ...scale.ticks, color: muted };
		scale.grid = { ...scale.grid, color: border };
		if ('border' in scale) scale.border = { ...scale.border, color: border };
	}
	const plugins = (options.plugins ??= {});
	plugins.legend = {
		...plugins.legend,
		labels: { ...plugins.legend?.labels, color: text }
	};
	plugins.tooltip = {
		...plugins.tooltip,
		backgroundColor: text,
		titleColor: surface,
		bodyColor: surface,
		borderColor: border
	};
}

export function drawChart(canvas: HTMLCanvasElement, config: ChartConfig, colours: ChartColours) {
	const valueAxis = {
		stacked: config.stacked,
		beginAtZero: true,
		max: config.max,
		ticks: { precision: 0 },
		border: {}
	};
	const categoryAxis = { stacked: config.stacked, border: {} };
	// Someone who asked the system for less motion gets the chart at once.
	const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	const setup: Setup = {
		type: config.kind,
		data: {
			labels: config.labels,
			datasets: config.series.map((s) => ({
				type: s.line ? ('line' as const) : config.kind,
				label: s.label,
				data: s.data,
				borderWidth: s.line || config.kind === 'line' ? 2 : 0,
				pointRadius: 3,
				// Points of a line drawn over bars are marked by shape as well as by colour.
				pointStyle: s.line ? ('rectRot' as const) : ('circle' as const)
			}))
		},
		options: {
			locale: getLocale() === 'pl' ? 'pl-PL' : 'en-GB',
			indexAxis: config.horizontal ? 'y' : 'x',
			maintainAspectRatio: false,
			animation: still ? false : undefined,
			plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
			scales: config.horizontal
				? { x: valueAxis, y: categoryAxis }
				: { x: categoryAxis, y: valueAxis }
		}
	};
	paint(setup, colours);
	let chart = new Chart(canvas, setup);
	return {
		/**
		 * The theme changed: the chart drawn again in its new colours, at once. (A new chart: Chart.js
		 * keeps the colours its bars were drawn with when only the options change.)
		 */
		repaint(next: ChartColours) {
			chart.destroy();
			paint(setup, next);
			chart = new Chart(canvas, { ...setup, options: { ...setup.options, animation: false } });
		},
		destroy: () => chart.destroy()
	};
}
