import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Spin, Typography } from 'antd';
import { Outlet } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { maskCode } from './format';
import { HolderLoginPage } from './HolderLoginPage';
import { HolderNav } from './HolderNav';
import { useHolderSession } from './session';

/** Every holder page: the login page until a holder session exists, then who is logged in and the sections. */
export function HolderFrame() {
  const { t } = useI18n();
  const { holder, logout } = useHolderSession();
  if (holder === undefined) return <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />;
  if (holder === null) return <HolderLoginPage />;
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <UserOutlined aria-hidden />
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong data-testid="holder-name" style={{ wordBreak: 'break-all' }}>
                {holder.name}
              </Typography.Text>
              <br />
              <Typography.Text data-testid="holder-code" style={{ color: '#595959' }}>
                {holder.holderCodeType === '111'
                  ? t('身份证号', 'ID number')
                  : t('统一社会信用代码', 'Credit code')}{' '}
                {maskCode(holder.holderCode)}
              </Typography.Text>
            </div>
          </Flex>
          <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>
            {t('退出', 'Log out')}
          </Button>
        </Flex>
      </Card>
      <HolderNav />
      <Outlet />
    </>
  );
}
