import { Col, Row } from 'antd';
import { useState } from 'react';
import { PageTitle } from '../../../components/PageTitle';
import { useI18n } from '../../../i18n';
import { useRegions } from '../shared/useRegions';
import { DepartmentPanel } from './DepartmentPanel';
import { RegionPanel } from './RegionPanel';

/** 组织机构: the region hierarchy on the left, the departments of the chosen region on the right. */
export default function OrgsPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const [region, setRegion] = useState<string | undefined>();
  return (
    <>
      <PageTitle>{t('组织机构', 'Organisations')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <RegionPanel regions={regions} selected={region} onSelect={setRegion} />
        </Col>
        <Col xs={24} lg={16}>
          <DepartmentPanel regions={regions} regionCode={region} />
        </Col>
      </Row>
    </>
  );
}
