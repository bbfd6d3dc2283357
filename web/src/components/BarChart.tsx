/**
 * A bar chart for the organizer's Insights: Chart.js draws it on a canvas that carries its own
 * text alternative (a summary read out instead of the picture). Only the Insights page imports
 * this module, so Chart.js comes with that page's chunk and no other.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";

// Only what a bar chart needs, so the bundle keeps only that of Chart.js. The legend is the
// page's own HTML (it wraps at phone width and is read out as text), not Chart.js's plugin.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.color = "#52525b"; // the app's --muted: readable on white
Chart.defaults.font.family = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface BarSeries {
  label: string;
  values: readonly number[];
  color: string;
}

interface BarChartProps {
  labels: readonly string[];
  series: readonly BarSeries[];
  /** What the chart shows, in words: the canvas's accessible name. */
  summary: string;
  stacked?: boolean;
  /** How a value reads on the axis and in the tooltip (default: a count). */
  formatValue?: (value: number) => string;
}

/** Bars of one or more series over the same labels, with a legend when there are several. */
export function BarChart({ labels, series, summary, stacked = false, formatValue }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    // A browser without a 2D canvas keeps the text alternative alone.
    const context = canvas.current?.getContext("2d");
    if (!context) return undefined;
    const chart = new Chart(context, {
      type: "bar",
      data: {
        labels: [...labels],
        datasets: series.map((s) => ({
          label: s.label,
          data: [...s.values],
          backgroundColor: s.color,
          borderRadius: 3,
          maxBarThickness: 32,
        })),
      },
      options: {
        // The numbers are a snapshot: motion would only delay reading them.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked, grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
          y: {
            stacked,
            beginAtZero: true,
            ticks: {
              precision: 0,
              callback: (value) => (formatValue ? formatValue(Number(value)) : String(value)),
            },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label ?? ""}: ${formatValue ? formatValue(item.parsed.y ?? 0) : item.formattedValue}`,
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, series, stacked, formatValue]);

  return (
    <figure className="chart">
      {series.length > 1 ? (
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.label}>
              <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="chart-area">
        <canvas ref={canvas} role="img" aria-label={summary}>
          {summary}
        </canvas>
      </div>
    </figure>
  );
}
