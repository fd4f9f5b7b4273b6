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
	Tooltip
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
	color: string;
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

export function drawChart(canvas: HTMLCanvasElement, config: ChartConfig) {
	const valueAxis = {
		stacked: config.stacked,
		beginAtZero: true,
		max: config.max,
		ticks: { precision: 0 }
	};
	const categoryAxis = { stacked: config.stacked };
	// Someone who asked the system for less motion gets the chart at once.
	const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	return new Chart(canvas, {
		type: config.kind,
		data: {
			labels: config.labels,
			datasets: config.series.map((s) => ({
				type: s.line ? ('line' as const) : config.kind,
				label: s.label,
				data: s.data,
				backgroundColor: s.color,
				borderColor: s.color,
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
	});
}
