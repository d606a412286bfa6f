import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n';
import type { CountKey, MetricsTimeSeries } from './model';
import { COUNT_LABELS } from './model';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * Counts over time as a chart (lines, or bars for few points). It is a picture: the same numbers are
 * in the table next to it, which is its text alternative.
 */
export function CountsChart({
  series,
  keys,
  label,
  tableId,
}: {
  series: MetricsTimeSeries;
  keys: readonly CountKey[];
  label: string;
  tableId: string;
}) {
  const { lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const type = series.points.length <= 6 ? 'bar' : 'line';
    const name = (key: CountKey) => {
      const entry = COUNT_LABELS.find(([k]) => k === key)!;
      return lang === 'en' ? entry[2] : entry[1];
    };
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: '#1f1f1f' } },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: series.points.map((p) => p.start), axisLabel: { color: '#1f1f1f' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1f1f1f' } },
      series: keys.map((key) => ({ name: name(key), type, data: series.points.map((p) => p[key]) })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [series, keys, lang]);
  return <div ref={ref} role="img" aria-label={label} aria-describedby={tableId} style={{ height: 280 }} />;
}
