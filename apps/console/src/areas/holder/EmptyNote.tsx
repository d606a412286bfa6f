import { Empty } from 'antd';

/** An empty state whose text keeps 4.5:1 contrast (antd's default description is lighter). */
export function EmptyNote({ text }: { text: string }) {
  return <Empty description={<span style={{ color: '#595959' }}>{text}</span>} />;
}
