/** Descriptions labels dark enough for 4.5:1 (antd's default label grey is lighter). */
export const readableLabels = { label: { color: '#595959' } } as const;
