import { Checkbox } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';

/**
 * A Checkbox.Group as a required form field. Form.Item marks its control aria-required, which a
 * group may not carry (axe: aria-allowed-attr); the label's mark and the validation message say it.
 */
export function CheckboxGroupField({ 'aria-required': _required, ...props }: CheckboxGroupProps<string>) {
  return <Checkbox.Group role="group" {...props} />;
}
