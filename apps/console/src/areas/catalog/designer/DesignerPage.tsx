import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Result, Row, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import type { LicenseTypeView } from '../model';
import { contentOf, typePath } from '../model';
import { StatusTag } from '../StatusTag';
import { BoxInspector } from './BoxInspector';
import { DesignerToolbar } from './DesignerToolbar';
import { itemName } from './elements';
import type { BoxKey, FaceTemplate } from './face-model';
import { addFixedText, addSquare, addTextBox, removeBox, templateOf, withRect } from './face-model';
import { FaceCanvas } from './FaceCanvas';
import { PageSettings } from './PageSettings';
import { PreviewPane } from './PreviewPane';
import { SampleDataEditor } from './SampleDataEditor';
import { useDesignerFeedback } from './use-designer-feedback';

/** The visual face-template designer of one licence type version. */
export function DesignerPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const type = useRequest(() => api.getLicenseType({ params: { id } }), [id]);
  if (!type.data) {
    return type.loading ? (
      <Spin />
    ) : (
      <Result status="warning" title={t('无法加载证照类型', 'The licence type could not be loaded')} />
    );
  }
  // A saved version starts a fresh design state.
  return <Designer key={`${type.data.id}:${type.data.rowVersion}`} type={type.data} onSaved={type.reload} />;
}

function Designer({ type, onSaved }: { type: LicenseTypeView; onSaved(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const session = useStaffSession();
  const { message } = App.useApp();
  const { run, busy } = useAction();
  const [template, setTemplate] = useState<FaceTemplate>(() => templateOf(type.faceTemplate, type.name));
  const [sampleData, setSampleData] = useState<Record<string, unknown>>(() => ({ ...type.sampleData }));
  const [selected, setSelected] = useState<BoxKey | null>(null);
  const [dirty, setDirty] = useState(!type.faceTemplate);
  const editable = type.status === 'draft' && session.hasRole('issuer');
  const mayDesign = session.hasRole('issuer', 'catalog_admin');
  const feedback = useDesignerFeedback({
    typeId: type.id,
    template,
    sampleData,
    dataItems: type.dataItems,
    mode: mayDesign ? 'draft' : 'saved',
    missingGlyphsText: t(
      '有字库缺少的字符（见各字段旁的提示），修正后再预览。',
      'Some characters are missing from the fonts (see the warnings next to the fields); fix them to preview.',
    ),
  });

  const change = (next: FaceTemplate) => {
    setTemplate(next);
    setDirty(true);
  };

  const nameOf = (key: BoxKey): string => {
    if (key === 'qr') return t('二维码', 'QR code');
    if (key === 'seal') return t('印章', 'Seal');
    const [kind, index] = key.split(':');
    if (kind === 'fixed')
      return t('固定文字：{text}', 'Fixed text: {text}', { text: template.fixedTexts[Number(index)]!.text });
    const code = template.textBoxes[Number(index)]!.item;
    return t('数据框：{name}（{code}）', 'Text box: {name} ({code})', {
      name: itemName(code, type.dataItems, t),
      code,
    });
  };
  const captionOf = (key: BoxKey): string => {
    if (key === 'qr') return t('二维码', 'QR code');
    if (key === 'seal') return t('印章', 'Seal');
    const [kind, index] = key.split(':');
    if (kind === 'fixed') return template.fixedTexts[Number(index)]!.text;
    const code = template.textBoxes[Number(index)]!.item;
    const sample = sampleData[code];
    return typeof sample === 'string' && sample ? sample : `{${itemName(code, type.dataItems, t)}}`;
  };

  const save = async () => {
    const saved = await run(() =>
      api.updateLicenseType({
        params: { id: type.id },
        body: {
          rowVersion: type.rowVersion,
          content: { ...contentOf(type), faceTemplate: { ...template }, sampleData },
        },
      }),
    );
    if (saved) {
      void message.success(t('照面已保存', 'Face saved'));
      onSaved();
    }
  };

  return (
    <>
      <PageTitle
        extra={
          <Flex gap={8} wrap align="center">
            {dirty && editable && <Tag color="warning">{t('有未保存的修改', 'Unsaved changes')}</Tag>}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(typePath(type.id))}>
              {t('返回证照类型', 'Back to the licence type')}
            </Button>
            {editable && (
              <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()}>
                {t('保存照面', 'Save face')}
              </Button>
            )}
          </Flex>
        }
      >
        {t('照面设计：{name}', 'Face designer: {name}', { name: type.name })}{' '}
        <StatusTag status={type.status} />
      </PageTitle>
      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            '只有草稿可以修改，且须由本部门的制证签发员修改；此处仅供查看。',
            'Only drafts can be changed, by issuers of the department; this view is read-only.',
          )}
        />
      )}
      {!template.qr && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('制证需要二维码的位置，请添加二维码。', 'Issuing needs a place for the QR code; add one.')}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {editable && (
            <DesignerToolbar
              dataItems={type.dataItems}
              hasQr={!!template.qr}
              hasSeal={!!template.seal}
              onAddTextBox={(item) => {
                const added = addTextBox(template, item);
                change(added.template);
                setSelected(added.key);
              }}
              onAddFixedText={() => {
                const added = addFixedText(template, t('标签', 'Label'));
                change(added.template);
                setSelected(added.key);
              }}
              onAddQr={() => {
                change(addSquare(template, 'qr'));
                setSelected('qr');
              }}
              onAddSeal={() => {
                change(addSquare(template, 'seal'));
                setSelected('seal');
              }}
            />
          )}
          <div style={{ overflow: 'auto' }}>
            <FaceCanvas
              template={template}
              selected={selected}
              readOnly={!editable}
              nameOf={nameOf}
              captionOf={captionOf}
              onSelect={setSelected}
              onRect={(key, rect) => change(withRect(template, key, rect))}
            />
          </div>
        </Col>
        <Col flex="340px" style={{ maxWidth: '100%' }}>
          <Flex vertical gap={16}>
            {selected ? (
              <BoxInspector
                template={template}
                selected={selected}
                dataItems={type.dataItems}
                missing={feedback.missing}
                readOnly={!editable}
                title={nameOf(selected)}
                onChange={change}
                onRemove={() => {
                  change(removeBox(template, selected));
                  setSelected(null);
                }}
              />
            ) : (
              <PageSettings template={template} readOnly={!editable} onChange={change} />
            )}
            <SampleDataEditor
              dataItems={type.dataItems}
              sampleData={sampleData}
              missing={feedback.missing}
              readOnly={!editable}
              onChange={(next) => {
                setSampleData(next);
                setDirty(true);
              }}
            />
          </Flex>
        </Col>
      </Row>
      <div style={{ marginTop: 16 }}>
        <PreviewPane preview={feedback.preview} />
      </div>
    </>
  );
}
